// Site search over the Pagefind index: a plain form whose state lives in the
// address (?q=...&type=...&sort=...), results announced in a live region.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const statusBox = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const sortSelect = document.getElementById("search-sort");
const filterSelects = Array.from(form.querySelectorAll("select[data-filter]"));
const filtersBox = document.getElementById("filters-box");
const chosenCount = document.getElementById("filters-chosen");
const PAGE_SIZE = 10;
const SORTS = ["", "newest", "oldest"];
// What the address asked for that this search cannot do: said, never silently dropped.
let addressNotes = [];

let pagefind = null;
let current = [];
let shown = 0;
let runId = 0;

function say(message) {
  statusBox.textContent = message;
}

// Only text and <mark> survive from an excerpt: nothing else is trusted.
function safeExcerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  const walk = (node, target) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        target.append(child.textContent);
      } else if (child.nodeName === "MARK") {
        const mark = document.createElement("mark");
        walk(child, mark);
        target.append(mark);
      } else {
        walk(child, target);
      }
    }
  };
  walk(template.content, out);
  return out;
}

function readAddress() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  const sort = params.get("sort") || "";
  sortSelect.value = SORTS.includes(sort) ? sort : "";
  if (!SORTS.includes(sort)) {
    addressNotes.push(`“${sort}” is not an order results can be put in, so the best matches come first.`);
  }
  const known = new Set(["q", "sort", ...filterSelects.map((select) => select.dataset.filter)]);
  for (const name of params.keys()) {
    if (!known.has(name)) {
      addressNotes.push(`The address asks to filter by “${name}”, which this search cannot do, so that was left out.`);
    }
  }
  for (const select of filterSelects) {
    select.dataset.wanted = params.get(select.dataset.filter) || "";
  }
}

function labelOf(select) {
  return form.querySelector(`label[for="${select.id}"]`).textContent.trim();
}

// A filter value from the address that the index does not have, such as ?type=Action.
function noteUnknown(select, values) {
  const wanted = select.dataset.wanted;
  if (!wanted || values.some(([value]) => value === wanted)) return;
  const label = labelOf(select).toLowerCase();
  const choices = values.map(([value]) => value).join(", ");
  const among = choices ? ` (${choices})` : "";
  let note = `“${wanted}” is not one of the choices for ${label}${among}, so that filter was left out.`;
  if (select.dataset.filter === "type" && wanted.toLowerCase().startsWith("action")) {
    note += " Actions are found through the meetings that agreed them, and all of them are in the action tracker.";
  }
  addressNotes.push(note);
  select.dataset.wanted = "";
}

function showChosen() {
  const count = filterSelects.filter((select) => select.value).length + (sortSelect.value ? 1 : 0);
  chosenCount.textContent = count ? ` (${count} chosen)` : "";
}

function writeAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of filterSelects) {
    if (select.value) params.set(select.dataset.filter, select.value);
  }
  if (sortSelect.value) params.set("sort", sortSelect.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

function chosenFilters() {
  const filters = {};
  for (const select of filterSelects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

async function fillFilters() {
  const available = await pagefind.filters();
  for (const select of filterSelects) {
    const name = select.dataset.filter;
    const values = Object.entries(available[name] || {});
    noteUnknown(select, values);
    if (!values.length) continue;
    values.sort(([a], [b]) => (name === "year" ? b.localeCompare(a) : a.localeCompare(b)));
    for (const [value, count] of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = `${value} (${count})`;
      select.append(option);
    }
    select.value = select.dataset.wanted || "";
    form.querySelector(`[data-filter-field="${name}"]`).hidden = false;
  }
}

function describe(count, term) {
  const filters = Object.values(chosenFilters());
  const what = count === 1 ? "1 result" : `${count} results`;
  const forTerm = term ? ` for “${term}”` : "";
  const within = filters.length ? `, filtered by ${filters.join(" and ")}` : "";
  return `${what}${forTerm}${within}.`;
}

// The status line, with what the address asked for that could not be done first.
function sayWithNotes(message) {
  say([...addressNotes, message].filter(Boolean).join(" "));
  addressNotes = [];
}

async function showMore() {
  const batch = current.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  let first = null;
  for (const item of data) {
    const li = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    heading.append(link);
    li.append(heading);
    const facts = [item.meta.type, item.meta.date].filter(Boolean);
    if (facts.length) {
      const meta = document.createElement("p");
      meta.className = "item-meta";
      meta.textContent = facts.join(" · ");
      li.append(meta);
    }
    const excerpt = document.createElement("p");
    excerpt.append(safeExcerpt(item.excerpt || ""));
    li.append(excerpt);
    list.append(li);
    first = first || link;
  }
  shown += batch.length;
  more.hidden = shown >= current.length;
  return first;
}

async function run() {
  const id = ++runId;
  const term = input.value.trim();
  const filters = chosenFilters();
  writeAddress();
  showChosen();
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    sayWithNotes("");
    return;
  }
  say("Searching…");
  const options = { filters };
  if (sortSelect.value === "newest") options.sort = { date: "desc" };
  if (sortSelect.value === "oldest") options.sort = { date: "asc" };
  const search = await pagefind.search(term || null, options);
  if (id !== runId) return;
  current = search.results;
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (id !== runId) return;
  sayWithNotes(describe(current.length, term));
}

async function start() {
  form.hidden = false;
  // Filters fold away on small screens, so the first results are on the first screen.
  filtersBox.open = window.matchMedia("(min-width: 48rem)").matches;
  readAddress();
  try {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.base });
    await pagefind.init();
    await fillFilters();
  } catch (error) {
    say("Search is not available right now. Please browse the listings below.");
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  for (const select of [...filterSelects, sortSelect]) {
    select.addEventListener("change", run);
  }
  more.addEventListener("click", async () => {
    const first = await showMore();
    if (first) first.focus();
  });
  showChosen();
  if (input.value || Object.keys(chosenFilters()).length || addressNotes.length) run();
}

start();
