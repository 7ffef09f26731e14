import { describe, expect, it } from 'vitest'
import { partyField } from './partyForm'

describe('partyField', () => {
  it('puts a problem of any party row under the dialog field', () => {
    expect(partyField('parties[2].name')).toBe('name')
    expect(partyField('parties[12].role')).toBe('role')
    expect(partyField('parties[0]')).toBe('name')
    expect(partyField('address')).toBe('address')
  })
})
