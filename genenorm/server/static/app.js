// The genenorm curator page: sends the pasted page to POST v1/check and draws the report.
// Plain DOM code, no build step; every value is written with textContent (never as HTML).
"use strict";

const $ = (id) => document.getElementById(id);
const VERDICT_TEXT = { supported: "supported", uncertain: "uncertain", false_hit: "false hit" };
let lastBody = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function headers(accept) {
  const h = { "Content-Type": "application/json", Accept: accept };
  const token = $("token").value.trim();
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

async function post(path, body, accept) {
  const response = await fetch(path, { method: "POST", headers: headers(accept), body: JSON.stringify(body) });
  if (!response.ok) {
    let detail = response.statusText;
    try { const p = await response.json(); detail = p.detail || p.title || detail; } catch (e) { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response;
}

function readFileInto(input, textarea) {
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (file) textarea.value = await file.text();
  });
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// ---------------------------------------------------------------- highlighting

function findAll(text, needle, wordBounded) {
  const spans = [];
  if (!needle || needle.length < 2) return spans;
  const hay = text.toLowerCase();
  const n = needle.toLowerCase();
  let i = hay.indexOf(n);
  while (i >= 0) {
    const before = i === 0 ? " " : text[i - 1];
    const after = i + n.length >= text.length ? " " : text[i + n.length];
    if (!wordBounded || (!/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after))) {
      spans.push([i, i + n.length]);
    }
    i = hay.indexOf(n, i + 1);
  }
  return spans;
}

function highlight(text, report) {
  const spans = [];
  for (const s of report.suggestions) {
    spans.push({ start: s.start, end: s.end, cls: "v-suggestion", title: `${s.symbol} (${s.hgnc_id}): not among the keywords` });
  }
  for (const k of report.keywords) {
    if (k.kind !== "gene" || !k.verdict) continue;
    const title = `${k.keyword} → ${k.symbol || "?"}: ${VERDICT_TEXT[k.verdict]}`;
    const needles = new Set([...(k.evidence.mentions || []), ...(k.evidence.words || []), k.keyword]);
    for (const needle of needles) {
      for (const [start, end] of findAll(text, needle, true)) {
        spans.push({ start, end, cls: "v-" + k.verdict, title });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const box = $("text");
  box.replaceChildren();
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlaps an earlier, longer mark
    box.append(text.slice(at, s.start));
    box.append(el("mark", { class: s.cls, title: s.title }, text.slice(s.start, s.end)));
    at = s.end;
  }
  box.append(text.slice(at));
}

// ---------------------------------------------------------------- tables

function reasonsCell(reasons) {
  const td = el("td");
  for (const r of reasons) td.append(el("div", { class: "reason" }, el("code", {}, r.code), " ", r.detail));
  return td;
}

function evidenceCell(ev) {
  const td = el("td", { class: "evidence" });
  for (const key of ["terms", "words", "mentions", "siblings"]) {
    if (ev[key] && ev[key].length) td.append(el("div", {}, el("b", {}, key + ": "), ev[key].join(", ")));
  }
  return td;
}

function idsText(ids) {
  return Object.entries(ids || {}).map(([k, v]) => `${k}:${v}`).join("  ");
}

function confidenceText(k) {
  // Passed through when the report carries it; the page keeps no copy of the schema.
  const c = k.confidence;
  return c === undefined || c === null ? "—" : (typeof c === "number" ? c.toFixed(2) : String(c));
}

function render(report, text) {
  $("result").hidden = false;
  $("figid").textContent = report.figid || report.path;
  const errors = $("errors");
  errors.hidden = report.errors.length === 0;
  errors.replaceChildren(...report.errors.map((e) => el("div", {}, e)));

  const genes = report.keywords.filter((k) => k.kind === "gene");
  const others = report.keywords.filter((k) => k.kind !== "gene");
  const count = (v) => genes.filter((k) => k.verdict === v).length;
  $("summary").textContent = report.errors.length ? "" :
    `${report.keywords.length} keywords: ${genes.length} genes (${count("supported")} supported, ` +
    `${count("uncertain")} uncertain, ${count("false_hit")} false hits), ${others.length} other; ` +
    `${report.suggestions.length} suggestions.`;

  highlight(text || "", report);

  const gbody = $("genes").tBodies[0];
  gbody.replaceChildren();
  for (const k of genes) {
    const tr = el("tr", { class: "v-" + k.verdict, "data-keyword": k.keyword, "data-verdict": k.verdict },
      el("td", {}, k.keyword),
      el("td", {}, el("span", { class: "badge v-" + k.verdict }, VERDICT_TEXT[k.verdict] || k.verdict)),
      el("td", {}, confidenceText(k)),
      el("td", {}, k.symbol || "—", k.hgnc_id ? el("div", { class: "muted" }, k.hgnc_id) : null),
      el("td", {}, k.status || "—"),
      reasonsCell(k.reasons),
      evidenceCell(k.evidence));
    gbody.append(tr);
  }
  const obody = $("others").tBodies[0];
  obody.replaceChildren();
  for (const k of others) {
    obody.append(el("tr", { "data-keyword": k.keyword, "data-kind": k.kind },
      el("td", {}, k.keyword), el("td", {}, k.kind), el("td", {}, idsText(k.ids) || "—")));
  }
  const list = $("suggestions");
  list.replaceChildren();
  for (const s of report.suggestions) {
    list.append(el("li", { "data-symbol": s.symbol }, el("b", {}, s.symbol), ` (${s.hgnc_id}), named as “${s.text}” at ${s.start}–${s.end}`));
  }
  if (!report.suggestions.length) list.append(el("li", { class: "muted" }, "none"));

  $("hits-section").hidden = report.hits.length === 0;
  const hbody = $("hit-table").tBodies[0];
  hbody.replaceChildren();
  for (const h of report.hits) {
    hbody.append(el("tr", { class: "v-" + h.verdict },
      el("td", {}, h.word), el("td", {}, h.match), el("td", {}, h.symbol),
      el("td", {}, h.current_symbol || "—"),
      el("td", {}, el("span", { class: "badge v-" + h.verdict }, VERDICT_TEXT[h.verdict])),
      reasonsCell(h.reasons)));
  }
}

// ---------------------------------------------------------------- actions

function requestBody() {
  const page = { text: $("page").value };
  const hits = $("hits").value;
  if (hits.trim()) page.hits = hits;
  return { pages: [page] };
}

async function check(event) {
  event.preventDefault();
  if (!$("page").value.trim()) { setStatus("Paste or upload a figure page first.", true); return; }
  const body = requestBody();
  $("check").disabled = true;
  setStatus("Checking…");
  try {
    const response = await post("v1/check?include_text=true", body, "application/json");
    const data = await response.json();
    lastBody = body;
    render(data.reports[0], data.texts[0]);
    setStatus("Done.");
  } catch (err) {
    setStatus("Could not check the page: " + err.message, true);
  } finally {
    $("check").disabled = false;
  }
}

async function download(accept, extension) {
  if (!lastBody) return;
  try {
    const response = await post("v1/check", lastBody, accept);
    const blob = await response.blob();
    const a = el("a", { href: URL.createObjectURL(blob), download: ($("figid").textContent || "genenorm") + extension });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (err) {
    setStatus("Download failed: " + err.message, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("token-field").hidden = document.body.dataset.auth !== "required";
  readFileInto($("page-file"), $("page"));
  readFileInto($("hits-file"), $("hits"));
  $("form").addEventListener("submit", check);
  $("dl-jsonl").addEventListener("click", () => download("application/x-ndjson", ".jsonl"));
  $("dl-tsv").addEventListener("click", () => download("text/tab-separated-values", ".tsv"));
  fetch("healthz").then((r) => r.json()).then((h) => {
    $("release").textContent = `genenorm ${h.genenorm} · data: ${h.release}`;
  }).catch(() => {});
});
