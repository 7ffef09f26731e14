import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

// Hash history: the UI is served from the Tauri custom protocol with relative paths, so a reload must not ask the
// protocol handler for /cases/….
export const routes: RouteRecordRaw[] = [
  // 今日 is the start page; the case list stays at /cases.
  { path: '/', redirect: '/today' },
  { path: '/cases', name: 'cases', component: () => import('./views/CaseList.vue') },
  { path: '/cases/:caseNo', name: 'case', component: () => import('./views/CaseDetail.vue'), props: true },
  { path: '/cases/:caseNo/draft', name: 'draft', component: () => import('./views/Drafting.vue'), props: true },
  { path: '/today', name: 'today', component: () => import('./views/Today.vue') },
  { path: '/calendar', name: 'calendar', component: () => import('./views/Calendar.vue') },
  { path: '/documents', name: 'documents', component: () => import('./views/Documents.vue') },
  { path: '/review', name: 'review', component: () => import('./views/ReviewQueue.vue') },
  { path: '/stats', name: 'stats', component: () => import('./views/Stats.vue') },
  { path: '/law', name: 'law', component: () => import('./views/Law.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/Settings.vue') },
  { path: '/sync/conflicts', name: 'conflicts', component: () => import('./views/Conflicts.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/today' },
]

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
