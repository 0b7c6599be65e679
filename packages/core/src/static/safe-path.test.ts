import { describe, expect, it } from 'vitest'
import { joinRoot, safeRelativePath } from './safe-path.js'

describe('safeRelativePath', () => {
  it('strips the prefix and decodes each segment', () => {
    expect(safeRelativePath('/static/css/site.css', '/static')).toBe('css/site.css')
    expect(safeRelativePath('/static/a%20b.txt', '/static')).toBe('a b.txt')
    expect(safeRelativePath('/a.txt', '')).toBe('a.txt')
    expect(safeRelativePath('/static', '/static')).toBe('')
    expect(safeRelativePath('/static/docs/', '/static')).toBe('docs/')
  })

  it('refuses paths outside the prefix', () => {
    expect(safeRelativePath('/staticky/a.txt', '/static')).toBeUndefined()
    expect(safeRelativePath('/other/a.txt', '/static')).toBeUndefined()
  })

  it('refuses every segment that could escape the root, literal or encoded', () => {
    for (const path of [
      '/../etc/passwd',
      '/a/../../etc/passwd',
      '/./a',
      '/%2e%2e/etc',
      '/.%2e/etc',
      '/a%2f..%2f..%2fetc',
      '/..%5c..%5cwindows',
      '/a\\..\\b',
      '/a%00b',
      '//etc/passwd',
      '/a//b',
      '/C:/windows',
      '/%ZZ',
    ]) {
      expect([path, safeRelativePath(path, '')]).toEqual([path, undefined])
    }
  })

  it('refuses hidden names unless dotfiles are allowed', () => {
    expect(safeRelativePath('/.git/config', '')).toBeUndefined()
    expect(safeRelativePath('/.well-known/x', '', true)).toBe('.well-known/x')
  })
})

describe('joinRoot', () => {
  it('joins with exactly one slash', () => {
    expect(joinRoot('public', 'a.txt')).toBe('public/a.txt')
    expect(joinRoot('public/', 'a.txt')).toBe('public/a.txt')
    expect(joinRoot('/', 'a.txt')).toBe('/a.txt')
    expect(joinRoot('', 'a.txt')).toBe('a.txt')
  })
})
