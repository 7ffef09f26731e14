// Typed wrappers around the 法条 commands (docs/app-commands.md: law_search, law_show, cite_check, cite_appendix). Kept apart from
// api.ts so the 法条 screen and the editor's citation check grow without touching the shared file.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

export interface Repeal {
  on: string
  replaced_by: string | null
  source: string
}

export interface VersionSummary {
  in_force_from: string | null
  in_force_until: string | null
  in_force_basis: string
  source: string
  article_count: number
  has_text: boolean
}

export interface LawSummary {
  title: string
  category: string
  repealed: Repeal | null
  versions: VersionSummary[]
}

export interface LawHit {
  law: string
  article: number
  label: string
  snippet: string
  in_force_from: string | null
  repealed: boolean
}

export interface LawSearchResult {
  laws: LawSummary[]
  hits: LawHit[]
  total: number
}

export interface Article {
  number: number
  sub: number
  label: string
  paragraphs: string[]
}

export interface LawShowResult {
  law: LawSummary
  name_match: 'full' | 'abbreviation'
  version: VersionSummary
  articles: Article[]
  citation: string | null
}

export type CiteStatus = 'ok' | 'repealed' | 'unknown_article' | 'unknown_law' | 'abbreviated' | 'renumbered'

export interface CitationCheck {
  text: string
  law: string
  article: number
  paragraph: number | null
  item: number | null
  status: CiteStatus
  suggestion: string | null
  message: string
  /** UTF-16 offsets into the text checked (JS string indices). */
  from: number
  to: number
}

/** 附：本判决适用的法律条文 (cite_appendix): the cited articles in force on the judgment's date. */
export interface Appendix {
  date: string
  laws: { title: string; in_force_from: string | null; articles: Article[] }[]
  /** Citations not quoted (repealed, unknown, renumbered, a version without text), as cite_check rows. */
  left_out: CitationCheck[]
  /** The appendix as lines (heading, each law, `第N条　…`); empty when nothing could be quoted. */
  text: string
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isTauri()) throw new AppError(NO_BACKEND, '请在案牍桌面程序中打开')
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw normalizeError(e)
  }
}

export const lawApi = {
  search: (query: string, on?: string, limit = 50) =>
    call<LawSearchResult>('law_search', on ? { query, on, limit } : { query, limit }),
  show: (law: string, article?: string, on?: string) =>
    call<LawShowResult>('law_show', { law, ...(article ? { article } : {}), ...(on ? { on } : {}) }),
  citeCheck: (text: string, date: string) => call<CitationCheck[]>('cite_check', { text, date }),
  appendix: (text: string, date: string) => call<Appendix>('cite_appendix', { text, date }),
}
