// Fails when the built UI could load anything from the network (the court network is closed).
// Only XML namespace URIs (also inside inline data: SVGs) may appear anywhere; JS may also contain the URLs that
// libraries print in developer warnings. None of these is ever fetched.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, extname } from 'node:path'

const dist = new URL('../dist/', import.meta.url).pathname
const ALLOWED_IN_JS = [
  /^https:\/\/element-plus\.org\//, // deprecation warnings
  /^https:\/\/vuejs\.org\//, // error reference in warnings
  /^https:\/\/github\.com\/vuejs\//, // comment-like warning text
]
const URL_RE = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* files(p)
    else yield p
  }
}

const problems = []
for (const file of files(dist)) {
  const ext = extname(file)
  if (!['.html', '.css', '.js', '.mjs'].includes(ext)) continue
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0]
    if (!/^https?:/i.test(url)) {
      // protocol-relative //host/…: only a problem where something is loaded
      const before = text.slice(Math.max(0, m.index - 8), m.index)
      if (!/(url\(|src=|href=|import\s*|["'])$/i.test(before.trim())) continue
    }
    if (/^http:\/\/www\.w3\.org\//.test(url)) continue
    if (ext === '.js' || ext === '.mjs') {
      if (ALLOWED_IN_JS.some((re) => re.test(url))) continue
    }
    problems.push(`${file.slice(dist.length)}: ${url}`)
  }
}

if (problems.length) {
  console.error(`dist references remote URLs:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log('check-offline: dist loads no remote URLs')
