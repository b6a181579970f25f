// Site search over the Pagefind index: a plain form whose state lives in the
// address (?q=...&type=...&sort=...), results announced in a live region.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const statusBox = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const sortSelect = document.getElementById("search-sort");
const filterSelects = Array.from(form.querySelectorAll("select[data-filter]"));
const PAGE_SIZE = 10;

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
  sortSelect.value = params.get("sort") || "";
  for (const select of filterSelects) {
    select.dataset.wanted = params.get(select.dataset.filter) || "";
  }
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
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    say("");
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
  say(describe(current.length, term));
}

async function start() {
  form.hidden = false;
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
  if (input.value || Object.keys(chosenFilters()).length) run();
}

start();
