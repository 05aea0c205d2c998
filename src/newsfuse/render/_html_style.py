"""The inline stylesheet of the HTML report (one file, no external resources)."""

from __future__ import annotations

# Readable from 320 px phones to desktops: one max-width column, grids that fall back to a
# single column when a cell would be narrower than its minimum, a fact table that scrolls
# inside its box, and a dark scheme.
STYLE = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfc; --muted: #5f6368;
  --line: #d9d9d6; --card: #ffffff; --mark: #fff1a8; --target: #ffb000; --link: #0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e6; --bg: #161616; --muted: #a0a3a8; --line: #3a3a3a; --card: #1f1f1f;
    --mark: #5a4b00; --target: #b36b00; --link: #8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem clamp(0.75rem, 3vw, 2rem) 4rem; }
h1 { font-size: clamp(1.5rem, 4vw, 2.2rem); line-height: 1.2; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.75rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0.25rem 0; }
a { color: var(--link); }
.byline, .meta, .why { color: var(--muted); font-size: 0.9rem; }
.summary p { margin: 0 0 0.8rem; }
a.cite { text-decoration: none; font-size: 0.8em; vertical-align: super; margin-left: 0.1em; }
a.cite:hover, a.cite:focus { text-decoration: underline; }
ul.items { padding-left: 1.2rem; }
ul.items li { margin-bottom: 0.5rem; }
.kind { display: inline-block; font-size: 0.75rem; text-transform: uppercase;
  letter-spacing: 0.05em; border: 1px solid var(--line); border-radius: 0.3rem;
  padding: 0 0.35rem; margin-right: 0.4rem; }
.grid-wrap { overflow-x: auto; margin: 0 0 1rem; border: 1px solid var(--line);
  border-radius: 0.5rem; }
.grid-wrap:focus-visible { outline: 3px solid var(--target); }
table.grid { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 0.95rem; }
.grid caption { caption-side: top; text-align: start; padding: 0.5rem 0.75rem;
  color: var(--muted); font-size: 0.9rem; }
.grid th, .grid td { border-top: 1px solid var(--line); padding: 0.4rem 0.5rem;
  vertical-align: top; }
.grid thead th { border-top: 0; font-size: 0.85rem; text-align: center; white-space: nowrap; }
.grid thead a { display: block; text-decoration: none; }
.col-name { display: block; font-weight: normal; color: var(--muted); }
.grid td { text-align: center; min-width: 3.25rem; }
.grid td a { display: inline-block; min-width: 1.75rem; line-height: 1.75rem;
  text-decoration: none; border-radius: 50%; }
.grid td a:hover, .grid td a:focus-visible { outline: 2px solid var(--link); }
.grid tfoot th, .grid tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
/* The fact column stays in view while the sources scroll under it on narrow screens. */
.grid th.fact { position: sticky; left: 0; z-index: 1; background: var(--card);
  text-align: start; font-weight: normal; min-width: min(16rem, 45vw); max-width: 30rem;
  border-right: 1px solid var(--line); }
.grid thead th.fact, .grid tfoot th.fact { font-weight: 600; }
.grid th.fact:target { background: var(--mark); }
.disagreement { margin: 0 0 1.5rem; }
.disagreement:target h3 { background: var(--mark); }
.sides { display: grid; gap: 0.75rem; margin: 0.5rem 0 0;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); }
.side p { margin: 0 0 0.4rem; }
.side p.said { margin: 0; color: var(--muted); font-size: 0.9rem; }
.side, .source { background: var(--card); border: 1px solid var(--line);
  border-radius: 0.5rem; padding: 0.75rem 1rem; min-width: 0; }
.sources { display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr)); }
.source:target { outline: 3px solid var(--target); }
.source.unused { opacity: 0.8; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 0.75rem;
  font-size: 0.95rem; }
mark { background: var(--mark); color: inherit; scroll-margin-top: 3rem; }
mark:target { background: var(--target); outline: 2px solid var(--target); }
details { margin-top: 0.5rem; font-size: 0.9rem; }
details ul { margin: 0.25rem 0; padding-left: 1.2rem; }
summary { cursor: pointer; color: var(--muted); }
.status { font-weight: 600; }
""".strip()
