// Typed wrappers around the 法条 commands (docs/app-commands.md: law_search, law_show, cite_check, cite_appendix). Kept apart from
// api.ts so the 法条 screen and the editor's citation check grow without touching the shared file.
import { invoke, isTauri } from '@tauri-apps/api/core'
import { AppError, NO_BACKEND, normalizeError } from '../api'

import type {
  Appendix,
  AppendixLaw,
  Article,
  CitationCheck,
  CiteStatus,
  LawSearchResult,
  LawShowResult,
  LawSummary,
  Repeal,
  SearchHitView,
  VersionSummary,
} from '../generated/types'

// The types are generated from andu-law's (../generated/types.ts); the names the 法条 screens know are given here.
export type { Appendix, AppendixLaw, Article, CitationCheck, CiteStatus, LawSearchResult, LawShowResult, LawSummary, Repeal, VersionSummary }
export type LawHit = SearchHitView

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
