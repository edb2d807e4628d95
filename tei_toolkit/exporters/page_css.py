"""The pages' CSS: one embedded stylesheet (a page loads nothing), with dark mode
(prefers-color-scheme) and print rules."""

from __future__ import annotations

CSS = """
body { font: 1.05rem/1.55 Georgia, "DejaVu Serif", serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1d; background: #fffdf8; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-bottom: .3rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; margin-top: 2rem; }
h3 { font-size: 1.05rem; }
header .date { margin-top: 0; color: #555; }
dl.citation { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
              font-size: .9rem; background: #f4f1ea; padding: .8rem 1rem; }
dl.citation dt { font-weight: bold; } dl.citation dd { margin: 0; min-width: 0; overflow-wrap: anywhere; } dl.citation p { margin: 0 0 .4rem; }
.sp .speaker { font-variant: small-caps; font-weight: bold; }
.tei-stage { font-style: italic; color: #4a4a6a; } p.tei-stage, div.tei-stage { margin-left: 2rem; }
.tei-castItem .tei-roleDesc { font-style: italic; }
.tei-l { position: relative; } .lineno { position: absolute; left: -2.5rem; width: 2rem;
  text-align: right; font-size: .75rem; color: #888; user-select: none; }
.supplied { color: #5a3e85; } .gap { color: #8a5a00; }
del.tei-del { color: #8a2020; } ins.tei-add { color: #1f5f2f; text-decoration: none; }
ins.tei-add::before { content: "⸢"; } ins.tei-add::after { content: "⸣"; }
.unclear { text-decoration: underline dotted #a60; }
.app .lem, .app > :first-child { text-decoration: underline dotted #669; }
.app .readings { display: none; } .app:hover .readings, .app .readings:focus,
.app:focus-within .readings { display: inline; }
.readings { font-size: .85em; color: #445; } .readings::before { content: " ["; }
.readings::after { content: "]"; } .rdg + .rdg::before { content: "; "; } .wit { font-style: italic; }
.note.editorial { font-style: italic; color: #555; }
.choice .alt, .pb { color: #777; font-size: .85em; }
.entity { color: inherit; text-decoration: underline dotted #888; }
.tei-idno { font-size: .85em; }
.entity:target, .index li:target { background: #fff2a8; }
.uncertain { text-decoration-style: dashed; }
.block { display: block; } .tei-table.block { display: table; } .tei-row { display: table-row; }
.tei-cell { display: table-cell; padding: 0 .5rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2rem .5rem; }
.tei-lg { margin: 1rem 0; } .tei-l { margin: 0; }
.q::before, .q::after { content: none; }
.hi.smallcaps, .hi.smcap, .hi.smcaps, .hi.sc, .hi.small-caps { font-variant: small-caps; }
.hi.caps, .hi.allcaps, .hi.uppercase { text-transform: uppercase; }
.hi.gothic, .hi.blackletter, .hi.fraktur { font-family: "UnifrakturMaguntia", fantasy; }
.hi.spaced, .hi.letterspaced { letter-spacing: .15em; } .hi.overline { text-decoration: overline; }
.hi.large, .hi.larger { font-size: 1.2em; } .hi.small, .hi.smaller { font-size: .85em; }
.hi.roman, .hi.normal, .hi.upright, .hi.plain { font-style: normal; }
.hi.monospace, .hi.typewriter { font-family: monospace; } .hi.red { color: #a00; }
.hi.double-underline, .hi.doubleunderline { text-decoration: underline double; }
.index .mentions, .index .authorities { font-size: .9rem; color: #444; }
nav.toc { font-size: .95rem; } nav.toc ol { padding-left: 1.2rem; margin: .2rem 0; }
img.tei-graphic { max-width: 100%; height: auto; }
dl.citation .field .block { display: inline; } dl.citation .field .block + .block::before { content: " "; }
footer { margin-top: 3rem; font-size: .8rem; color: #777; }
"""
DARK_AND_PRINT = """
@media (prefers-color-scheme: dark) {
  body { color: #e4e0d8; background: #17191b; }
  dl.citation, .site-nav { background: #24272a; } h2 { border-color: #444; }
  a { color: #9cc2ff; } a:visited { color: #c8a8ff; } .entity { color: inherit; }
  header .date, .index .mentions, .index .authorities, footer, .choice .alt, .pb,
  .readings, .lineno, .note.editorial { color: #a9a49a; }
  .tei-stage { color: #b5b0d8; } .supplied { color: #c2a8ef; } .gap { color: #e0b050; }
  del.tei-del { color: #ff9a9a; } ins.tei-add { color: #9ce0a8; }
  .entity:target, .index li:target, mark { background: #5a4d00; color: #fff; }
  td, th { border-color: #555; } svg text { fill: #e4e0d8; } svg .axis { stroke: #888; }
}
@media print {
  body { max-width: none; margin: 0; color: #000; background: #fff; font-size: 11pt; }
  nav.toc, .site-nav, #search, .backref, footer { display: none; }
  a { color: inherit; text-decoration: none; } .app .readings { display: inline; }
  section, .tei-div { break-inside: auto; } h2, h3, h4 { break-after: avoid; }
}
"""
