import { describe, expect, it } from 'vitest'
import { App } from './app.js'
import { CLIENT_ADDRESS, clientAddress, toClientAddress } from './client-address.js'

const whoami = () => new App().get('/', (c) => c.json(clientAddress(c) ?? null))
const ask = async (env: unknown, headers?: HeadersInit) =>
  (await whoami().request('/', { headers }, env)).json()

describe('clientAddress', () => {
  it("reads Node's socket and gives an IPv4-mapped address as IPv4", async () => {
    const env = { incoming: { socket: { remoteAddress: '::ffff:127.0.0.1', remotePort: 5000 } } }
    expect(await ask(env)).toEqual({ address: '127.0.0.1', family: 'IPv4', port: 5000 })
  })

  it("reads Bun's requestIP and Deno's remoteAddr", async () => {
    expect(await ask({ requestIP: () => ({ address: '::1', port: 7 }) })).toEqual({
      address: '::1',
      family: 'IPv6',
      port: 7,
    })
    expect(await ask({ remoteAddr: { transport: 'tcp', hostname: '10.0.0.2', port: 9 } })).toEqual({
      address: '10.0.0.2',
      family: 'IPv4',
      port: 9,
    })
  })

  it('prefers what an adapter or a test put under CLIENT_ADDRESS', async () => {
    const given = { address: '203.0.113.7', family: 'IPv4' }
    expect(await ask({ [CLIENT_ADDRESS]: given, requestIP: () => ({ address: '::1' }) })).toEqual(given)
    expect(await ask({ [CLIENT_ADDRESS]: () => given })).toEqual(given)
  })

  it('trusts no header off Workers: a forged CF-Connecting-IP gives nothing', async () => {
    expect(await ask(undefined, { 'cf-connecting-ip': '198.51.100.1' })).toBeNull()
  })

  it('keeps a real IPv6 address and drops an empty one', () => {
    expect(toClientAddress('::ffff:abcd', undefined)).toEqual({ address: '::ffff:abcd', family: 'IPv6' })
    expect(toClientAddress('', 1)).toBeUndefined()
  })
})
