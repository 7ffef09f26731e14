import { describe, expect, it } from 'vitest'
import { AppError } from './api'
import { exportRefusal, overrideReason } from './reviewGate'

describe('exportRefusal', () => {
  it('reads a review_pending refusal with the override allowed', () => {
    const raw = { code: 'review_pending', message: '本案文书为“待阅核”，尚未同意签发', detail: { override_allowed: true } }
    expect(exportRefusal(raw)).toEqual({ message: raw.message, overrideAllowed: true })
  })
  it('offers no override where the court refuses it or the detail is missing', () => {
    expect(exportRefusal(new AppError('review_pending', 'x', { override_allowed: false }))?.overrideAllowed).toBe(false)
    expect(exportRefusal(new AppError('review_pending', 'x'))?.overrideAllowed).toBe(false)
    expect(exportRefusal(JSON.stringify({ code: 'review_pending', message: 'y', detail: { override_allowed: 'yes' } }))
      ?.overrideAllowed).toBe(false)
  })
  it('is null for any other error', () => {
    expect(exportRefusal(new AppError('io_error', '无法写入'))).toBeNull()
    expect(exportRefusal('boom')).toBeNull()
  })
})

describe('overrideReason', () => {
  it('trims, and blank is no reason', () => {
    expect(overrideReason('  当事人急需  ')).toBe('当事人急需')
    expect(overrideReason('   ')).toBeNull()
    expect(overrideReason(null)).toBeNull()
  })
})
