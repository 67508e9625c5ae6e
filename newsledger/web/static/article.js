/* The article view: the clean text of one stored record with its entities, claims, events and
   figures highlighted from the record's offsets; each highlight shows its record as JSON.
   The text is untrusted and rendered inert: text nodes only, never innerHTML. */
"use strict";

(() => {
  const {el, clear, getJSON, figureText, timeText} = NL;
  const RANK = {claim: 0, event: 1, figure: 2, entity: 3};
  const textBox = document.getElementById("text");
  const detail = document.getElementById("detail");
  const items = new Map(); // key ("claim:C5") → {kind, id, item, label}

  function index(list) {
    return new Map((list || []).map((x) => [x.id, x]));
  }

  function validSpan(start, end, length) {
    return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= length;
  }

  /** Where a figure's words are: in its event's evidence, else its claim, else anywhere. */
  function locate(text, words, ranges) {
    if (!words) return null;
    for (const [start, end] of ranges) {
      const at = text.slice(start, end).indexOf(words);
      if (at >= 0) return [start + at, start + at + words.length];
    }
    const at = text.indexOf(words);
    return at >= 0 ? [at, at + words.length] : null;
  }

  function collectSpans(record, names) {
    const text = record.document.text || "";
    const claims = index(record.claims);
    const spans = [];
    const add = (kind, id, start, end, extra) => {
      if (validSpan(start, end, text.length)) spans.push({kind, id, key: `${kind}:${id}`, start, end, ...extra});
    };
    for (const c of record.claims || []) {
      add("claim", c.id, c.start, c.end, {speaker: names.speaker(c)});
    }
    for (const v of record.events || []) {
      const ev = v.evidence || {};
      add("event", v.id, ev.start, ev.end, {type: v.type});
      (v.figures || []).forEach((f, i) => {
        const claim = f.claim ? claims.get(f.claim) : null;
        const ranges = [[ev.start, ev.end], claim ? [claim.start, claim.end] : null]
          .filter((r) => r && validSpan(r[0], r[1], text.length));
        const at = locate(text, f.text, ranges);
        if (at) add("figure", `${v.id}.${i}`, at[0], at[1], {type: f.kind});
      });
    }
    for (const e of record.entities || []) {
      for (const m of e.mentions || []) add("entity", e.id, m.start, m.end, {type: e.type});
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind]);
    return spans;
  }

  function highlight(span) {
    const node = el("span", {
      class: `hl hl-${span.kind}${span.type ? ` hl-${span.kind}-${String(span.type).toLowerCase().replace(/[^a-z0-9_-]/g, "")}` : ""}`,
      "data-kind": span.kind, "data-id": span.id, "data-key": span.key,
      "data-speaker": span.speaker || null, tabindex: "0", role: "button",
      title: items.get(span.key)?.label || span.key,
    });
    return node;
  }

  /** The text with nested highlights: spans that cross are split into pieces. */
  function renderText(text, spans) {
    clear(textBox);
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const stack = []; // [{span, node}]
    const top = () => (stack.length ? stack[stack.length - 1].node : textBox);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i], points[i + 1]];
      const active = spans.filter((s) => s.start <= a && s.end >= b);
      let keep = 0;
      while (keep < stack.length && keep < active.length && stack[keep].span === active[keep]) keep += 1;
      stack.length = keep;
      for (const span of active.slice(keep)) {
        const node = highlight(span);
        top().appendChild(node);
        stack.push({span, node});
      }
      top().appendChild(document.createTextNode(text.slice(a, b)));
    }
  }

  function select(key, scroll) {
    for (const node of document.querySelectorAll(".hl.selected")) node.classList.remove("selected");
    const nodes = [...textBox.querySelectorAll(`[data-key="${CSS.escape(key)}"]`)];
    for (const node of nodes) node.classList.add("selected");
    if (scroll && nodes.length) nodes[0].scrollIntoView({block: "center"});
    showDetail(key, nodes[0]);
  }

  function showDetail(key, node) {
    const entry = items.get(key);
    clear(detail);
    detail.appendChild(el("h2", {}, "Record"));
    if (!entry) {
      detail.appendChild(el("p", {class: "muted"}, `${key} is not in this record`));
      return;
    }
    detail.appendChild(el("p", {class: "detail-label"}, entry.label));
    const within = [];
    for (let n = node && node.parentElement; n && n !== textBox; n = n.parentElement) {
      if (n.dataset.key && n.dataset.key !== key && !within.includes(n.dataset.key)) within.push(n.dataset.key);
    }
    if (within.length) {
      detail.appendChild(el("p", {class: "within"}, "within: ",
        within.map((k) => el("button", {type: "button", class: "linkish", "data-select": k}, k.replace(":", " ")))));
    }
    detail.appendChild(el("pre", {class: "json", id: "record-json"}, JSON.stringify(entry.item, null, 2)));
  }

  textBox.addEventListener("click", (e) => {
    const node = e.target.closest(".hl");
    if (node) select(node.dataset.key, false);
  });
  textBox.addEventListener("keydown", (e) => {
    const node = e.target.closest(".hl");
    if (node && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); select(node.dataset.key, false); }
  });
  document.addEventListener("click", (e) => {
    const button = e.target.closest("[data-select]");
    if (button) { e.preventDefault(); select(button.dataset.select, true); }
  });
  document.getElementById("layers").addEventListener("change", (e) => {
    textBox.classList.toggle(`hide-${e.target.value}`, !e.target.checked);
  });

  function meta(record) {
    const d = record.document;
    const box = document.getElementById("meta");
    clear(box);
    const row = (name, value) => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
      box.append(el("dt", {}, name), el("dd", {}, value));
    };
    row("Outlet", d.outlet);
    row("Published", d.published);
    row("Dateline", d.dateline);
    row("Authors", (d.authors || []).join(", "));
    if (d.url) row("URL", NL.safeHref(d.url) && /^https?:\/\//i.test(d.url)
      ? el("a", {href: d.url, rel: "noopener noreferrer nofollow", target: "_blank"}, d.url) : d.url);
    row("Source", d.source);
    if (d.duplicate_of) row("Copy of", el("a", {href: NL.articleHref(d.duplicate_of)}, d.duplicate_of));
    row("Record", `${record.schema || ""} ${d.id}`);
  }

  function render([record, labels]) {
    const d = record.document;
    document.title = `newsledger · ${d.title || d.id}`;
    document.getElementById("title").textContent = d.title || "(no title)";
    meta(record);
    const entities = index(record.entities);
    const places = index(record.places);
    const claims = index(record.claims);
    const entityName = (id) => (id && entities.get(id) ? entities.get(id).name : id || null);
    const names = {
      speaker: (c) => (c.speaker ? entityName(c.speaker) : c.speaker_text) || "unknown speaker",
    };
    const claimant = (f) => (f.claim && claims.get(f.claim) ? names.speaker(claims.get(f.claim)) : null);

    const lists = {
      claims: document.getElementById("claims"), events: document.getElementById("events"),
      entities: document.getElementById("entities"), places: document.getElementById("places"),
    };
    for (const c of record.claims || []) {
      const label = `${names.speaker(c)} ${c.cue}: “${c.content}”${c.hedged ? " (hedged)" : ""}`;
      items.set(`claim:${c.id}`, {item: c, label});
      lists.claims.appendChild(el("li", {class: "claim-item", "data-claim": c.id},
        el("button", {type: "button", class: "linkish", "data-select": `claim:${c.id}`}, c.id), " ",
        el("strong", {class: "speaker"}, names.speaker(c)), " ",
        el("em", {class: "cue"}, c.cue), c.hedged ? el("span", {class: "badge"}, "hedged") : "",
        c.via ? el("span", {class: "muted"}, ` via ${entityName(c.via)}`) : "",
        el("q", {class: "content"}, c.content)));
    }
    for (const v of record.events || []) {
      const place = v.place && places.get(v.place) ? places.get(v.place).name : null;
      const who = (v.actors || []).map(entityName).join(", ");
      const whom = (v.targets || []).map(entityName).join(", ");
      const time = v.time ? timeText(v.time.start && v.time.start.slice(0, 10), v.time.end && v.time.end.slice(0, 10)) : "time unknown";
      const label = `${NL.typeText(v.type, labels)} · ${v.plover} · ${who || "?"}${whom ? ` → ${whom}` : ""}${place ? ` in ${place}` : ""}, ${time}`;
      items.set(`event:${v.id}`, {item: v, label});
      const figs = (v.figures || []).map((f, i) => {
        const text = `${figureText(f)}${f.side ? ` of ${entityName(f.side)}` : ""}${claimant(f) ? ` — says ${claimant(f)}` : ""}`;
        items.set(`figure:${v.id}.${i}`, {item: {event: v.id, ...f}, label: `figure: ${text} (“${f.text}”)`});
        return el("li", {}, el("button", {type: "button", class: "linkish", "data-select": `figure:${v.id}.${i}`}, text));
      });
      lists.events.appendChild(el("li", {class: "event-item", "data-event": v.id},
        el("button", {type: "button", class: "linkish", "data-select": `event:${v.id}`}, v.id), " ",
        el("span", {class: "swatch", style: `background:${NL.colour(v.plover)}`}), label,
        v.evidence ? el("q", {class: "evidence"}, (record.document.text || "").slice(v.evidence.start, v.evidence.end)) : "",
        figs.length ? el("ul", {class: "figures"}, figs) : ""));
    }
    for (const e of record.entities || []) {
      const extra = [e.role, e.affiliation ? entityName(e.affiliation) : null].filter(Boolean).join(", ");
      const label = `${e.type} ${e.name}${extra ? ` (${extra})` : ""}`;
      items.set(`entity:${e.id}`, {item: e, label});
      lists.entities.appendChild(el("li", {},
        el("button", {type: "button", class: "linkish", "data-select": `entity:${e.id}`}, e.name),
        el("span", {class: "muted"}, ` ${e.type}${extra ? ` · ${extra}` : ""}`)));
    }
    for (const p of record.places || []) {
      lists.places.appendChild(el("li", {},
        el("button", {type: "button", class: "linkish", "data-select": `entity:${p.entity}`}, p.name),
        el("span", {class: "muted"}, ` ${[p.admin1, p.country].filter(Boolean).join(", ")} · ${p.precision} · ${p.lat}, ${p.lon}`)));
      const entity = items.get(`entity:${p.entity}`);
      if (entity) entity.item = {...entity.item, place: p};
    }
    renderText(d.text || "", collectSpans(record, names));
    document.body.dataset.loaded = "true";
    const fragment = decodeURIComponent(window.location.hash.slice(1));
    if (fragment) {
      const kind = fragment.startsWith("C") ? "claim" : fragment.startsWith("V") ? "event" : "entity";
      if (items.has(`${kind}:${fragment}`)) select(`${kind}:${fragment}`, true);
    }
  }

  const id = NL.query().get("id");
  if (!id) {
    document.getElementById("title").textContent = "No article";
    NL.showError(textBox, "Open this page as article.html?id=<record id>.");
    return;
  }
  Promise.all([getJSON(`api/documents/${encodeURIComponent(id)}`), NL.eventLabels()])
    .then(render)
    .catch((err) => {
      document.getElementById("title").textContent = "Article not found";
      NL.showError(textBox, `Could not load the article ${id}: ${err.message}`);
      document.body.dataset.loaded = "error";
    });
})();
