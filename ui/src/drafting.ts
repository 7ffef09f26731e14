// Pure helpers of the 判决书 editor (views/Drafting.vue): 判决主文 items ↔ text, their labels, the autosave
// timer, and ordering a diff by the document's sections. Kept out of the component so vitest covers them.
import type { DraftContent, RevisionMeta, SectionDiff } from './api/drafting'
import { courtDateTime } from './dates'

/** 判决主文 is stored one item per line; the editor shows a numbered input per item. */
export function itemsFromText(text: string | undefined): string[] {
  const items = (text ?? '').split('\n').map((s) => s.trim())
  const kept = items.filter((s) => s !== '')
  return kept.length ? kept : ['']
}

export function itemsToText(items: string[]): string {
  return items
    .map((s) => s.replace(/\n/g, ' ').trim())
    .filter((s) => s !== '')
    .join('\n')
}

/**
 * The label of 判决主文 item `i` (0-based) of `count`: none for a single item, else the back end's label
 * (`draft_item_labels`: 一、 二、 … as the .docx prints them); past the labels served, the number itself.
 */
export function itemLabel(labels: readonly string[], i: number, count: number): string {
  if (count <= 1) return ''
  return labels[i] ?? `${i + 1}、`
}

export function sameContent(a: DraftContent, b: DraftContent): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if ((a[k] ?? '') !== (b[k] ?? '')) return false
  return true
}

/** `hh:mm:ss` by the courts' clock (Beijing time), for 已自动保存 hh:mm:ss. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return ''
  return courtDateTime(new Date(iso)).slice(11)
}

/** `yyyy-mm-dd hh:mm` by the courts' clock, for the 历史版本 list. */
export function revisionTime(iso: string): string {
  return courtDateTime(new Date(iso)).slice(0, 16) || iso
}

/** Newest first, each with its number in saving order (版本 1 is the first save). */
export function revisionRows(revs: RevisionMeta[]): (RevisionMeta & { n: number })[] {
  return revs.map((r, i) => ({ ...r, n: i + 1 })).reverse()
}

/** Diff sections in document order; sections this UI does not know go last, in the order the back end sent. */
export function orderDiff(diffs: SectionDiff[], order: string[]): SectionDiff[] {
  const rank = (k: string) => {
    const i = order.indexOf(k)
    return i < 0 ? order.length : i
  }
  return [...diffs].sort((a, b) => rank(a.key) - rank(b.key))
}

/**
 * Saves the working copy at most every `intervalMs` while it changes: `touch()` marks it changed, the timer calls
 * `save` when there is something to save, and `flush()` saves now (leaving the page, before 保存版本). A failed save
 * keeps the text marked as changed so the next tick retries.
 */
export class Autosaver {
  private dirty = false
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<void> | null = null

  constructor(
    private readonly save: () => Promise<void>,
    private readonly intervalMs = 3000,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  start(): void {
    if (this.timer === null) this.timer = setInterval(() => this.flush().catch(this.onError), this.intervalMs)
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }

  touch(): void {
    this.dirty = true
  }

  get pending(): boolean {
    return this.dirty
  }

  async flush(): Promise<void> {
    if (this.running) await this.running
    if (!this.dirty) return
    this.dirty = false
    this.running = this.save().catch((e) => {
      this.dirty = true
      throw e
    })
    try {
      await this.running
    } finally {
      this.running = null
    }
  }
}

const CN_DIGIT: Record<string, number> = { '〇': 0, '零': 0, '○': 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 十二 → 12, 二十三 → 23, 三十 → 30, 九 → 9 (月 and 日 of a 落款 date); NaN for anything else. */
function smallChinese(s: string): number {
  if (/^\d{1,2}$/.test(s)) return Number(s)
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(s)
  if (!m || !s) return NaN
  if (!m[2]) return s.length === 1 ? CN_DIGIT[s] : NaN
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[3] ? CN_DIGIT[m[3]] : 0)
}

/**
 * The signing date written in a judgment's 落款 (`二〇二六年十一月二十六日`, or `2026年11月26日`), as `YYYY-MM-DD`:
 * the date its citations are checked on and its appendix quotes. The last date in the text counts (a 落款 holds
 * one). `null` when none is written, or the date does not exist.
 */
export function signingDate(signature: string | undefined): string | null {
  const re = /([〇零○O一二三四五六七八九\d]{4})\s*年\s*([一二三四五六七八九十\d]{1,3})\s*月\s*([一二三四五六七八九十\d]{1,3})\s*日/g
  let found: string | null = null
  for (const m of (signature ?? '').matchAll(re)) {
    const year = Number([...m[1]].map((c) => (/\d/.test(c) ? c : String(CN_DIGIT[c]))).join(''))
    const month = smallChinese(m[2])
    const day = smallChinese(m[3])
    const date = new Date(Date.UTC(year, month - 1, day))
    if (!Number.isFinite(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) continue
    found = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  }
  return found
}

/** The draft's text whose citations make the appendix: every section but the appendix itself, in order. */
export function citingText(content: DraftContent, order: string[]): string {
  return order.filter((k) => k !== 'appendix').map((k) => content[k] ?? '').join('\n')
}
