import { describe, expect, it } from 'vitest'
import { type FlashCache, flash, get_flashed_messages } from './flashing.js'
import { createSession, isTuple, Markup, taggedDumps } from './sessions/index.js'

describe('flash and get_flashed_messages', () => {
  // flask tests/test_basic.py::test_flashes
  it('marks the session modified on every flash and returns messages in order', () => {
    const session = createSession()
    expect(session.modified).toBe(false)
    flash(session, 'Zap')
    session.modified = false
    flash(session, 'Zip')
    expect(session.modified).toBe(true)
    expect(get_flashed_messages(session)).toEqual(['Zap', 'Zip'])
  })

  // flask tests/test_basic.py::test_extended_flashing (setup shared by the cases below)
  function flashed() {
    const session = createSession()
    flash(session, 'Hello World')
    flash(session, 'Hello World', 'error')
    flash(session, new Markup('<em>Testing</em>'), 'warning')
    return session
  }

  // flask tests/test_basic.py::test_extended_flashing (/test/)
  it('returns only the messages by default', () => {
    const messages = get_flashed_messages(flashed())
    expect(messages.map(String)).toEqual(['Hello World', 'Hello World', '<em>Testing</em>'])
    expect(messages[2]).toBeInstanceOf(Markup)
  })

  // flask tests/test_basic.py::test_extended_flashing (/test_with_categories/)
  it('returns [category, message] pairs with with_categories', () => {
    const messages = get_flashed_messages(flashed(), { with_categories: true })
    expect(messages.map(([c, m]) => [c, String(m)])).toEqual([
      ['message', 'Hello World'],
      ['error', 'Hello World'],
      ['warning', '<em>Testing</em>'],
    ])
  })

  // flask tests/test_basic.py::test_extended_flashing (/test_filter/)
  it('filters by one category', () => {
    expect(get_flashed_messages(flashed(), { category_filter: ['message'], with_categories: true })).toEqual([
      ['message', 'Hello World'],
    ])
  })

  // flask tests/test_basic.py::test_extended_flashing (/test_filters/)
  it('filters by several categories, keeping the order of flashing', () => {
    const messages = get_flashed_messages(flashed(), {
      category_filter: ['message', 'warning'],
      with_categories: true,
    })
    expect(messages.map(([c, m]) => [c, String(m)])).toEqual([
      ['message', 'Hello World'],
      ['warning', '<em>Testing</em>'],
    ])
  })

  // flask tests/test_basic.py::test_extended_flashing (/test_filters_without_returning_categories/)
  it('filters without returning categories', () => {
    const messages = get_flashed_messages(flashed(), { category_filter: ['message', 'warning'] })
    expect(messages.map(String)).toEqual(['Hello World', '<em>Testing</em>'])
  })

  it('pops the messages from the session, so the next request sees none', () => {
    const session = flashed()
    get_flashed_messages(session)
    expect('_flashes' in session).toBe(false)
    expect(get_flashed_messages(session)).toEqual([])
  })

  it('returns the same messages to every call in one request when given the request cache', () => {
    const session = flashed()
    const cache: FlashCache = {}
    expect(get_flashed_messages(session, { cache })).toHaveLength(3)
    expect(get_flashed_messages(session, { cache, category_filter: ['error'] })).toEqual(['Hello World'])
  })

  it('stores messages as Flask does: a list of (category, message) tuples', () => {
    const session = createSession()
    flash(session, 'Saved')
    const stored = session._flashes as unknown[]
    expect(isTuple(stored[0])).toBe(true)
    expect(taggedDumps(session.toJSON())).toBe('{"_flashes":[{" t":["message","Saved"]}]}')
  })
})
