import { describe, expectTypeOf, it } from 'vitest'
import { Flask, type RuleParams } from '../index.js'

describe('view arguments typed from the rule string', () => {
  it('maps converters to TypeScript types', () => {
    expectTypeOf<RuleParams<'/u/<int:id>'>>().toEqualTypeOf<{ id: number }>()
    expectTypeOf<RuleParams<'/p/<float:x>/<name>'>>().toEqualTypeOf<{ x: number; name: string }>()
    expectTypeOf<RuleParams<'/f/<path:rest>'>>().toEqualTypeOf<{ rest: string }>()
    expectTypeOf<RuleParams<'/i/<uuid:id>'>>().toEqualTypeOf<{ id: string }>()
    expectTypeOf<RuleParams<'/s/<string(length=2):code>'>>().toEqualTypeOf<{ code: string }>()
    expectTypeOf<RuleParams<'/a/<any(about, help):page>'>>().toEqualTypeOf<{ page: 'about' | 'help' }>()
    expectTypeOf<RuleParams<'/int/<int(min=1):n>'>>().toEqualTypeOf<{ n: number }>()
    expectTypeOf<RuleParams<'/plain'>>().toEqualTypeOf<{}>()
  })

  it('types the object a view receives', () => {
    const app = new Flask('types', { static_folder: null })
    app.get('/u/<int:id>', ({ id }) => {
      expectTypeOf(id).toEqualTypeOf<number>()
      return String(id + 1)
    })
    app.route('/p/<name>/<float:score>', { methods: ['POST'] }, (args) => {
      expectTypeOf(args).toEqualTypeOf<{ name: string; score: number }>()
      return args.name
    })
    app.post('/x/<uuid:key>')(({ key }) => {
      expectTypeOf(key).toEqualTypeOf<string>()
      return key
    })
    // @ts-expect-error: `id` is a number, not a string
    app.get('/v/<int:id>', ({ id }: { id: string }) => id)
  })
})
