// sitegen serve: reload this tab when the site changes, and show problems when
// an edit breaks it. Only ever served by the preview, never published.
(() => {
  const script = document.currentScript || document.querySelector("script[data-version]");
  const pageVersion = Number(script.dataset.version || "0");
  const id = "sitegen-problems";

  function hide() {
    const panel = document.getElementById(id);
    if (panel) panel.remove();
  }

  function show(problems) {
    hide();
    const panel = document.createElement("section");
    panel.id = id;
    panel.setAttribute("aria-labelledby", `${id}-title`);
    panel.style.cssText = [
      "position:fixed", "left:0", "right:0", "bottom:0", "z-index:2147483647",
      "max-height:60vh", "overflow:auto", "background:#fff", "color:#1b1b1b",
      "border-top:6px solid #7a1610", "padding:1rem 1.25rem", "font:16px/1.5 system-ui,sans-serif",
      "box-shadow:0 -4px 16px rgba(0,0,0,.3)",
    ].join(";");
    const title = document.createElement("h2");
    title.id = `${id}-title`;
    title.tabIndex = -1;
    title.style.cssText = "margin:0 0 .5rem;font-size:1.25rem;color:#7a1610";
    title.textContent = `The site could not be rebuilt: ${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    const help = document.createElement("p");
    help.style.margin = "0 0 .5rem";
    help.textContent = "Fix them and save the file: this page comes back by itself. This page shows the last version that worked.";
    const list = document.createElement("ul");
    list.style.cssText = "margin:0 0 .75rem;padding-left:1.25rem";
    for (const problem of problems) {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.style.cssText = "white-space:pre-wrap;word-break:break-word";
      code.textContent = problem;
      item.append(code);
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide until the next change";
    close.style.cssText = "font:inherit;min-height:44px;padding:.25rem 1rem;cursor:pointer";
    close.addEventListener("click", hide);
    const announce = document.createElement("p");
    announce.setAttribute("role", "alert");
    announce.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)";
    panel.append(title, help, list, close, announce);
    document.body.append(panel);
    announce.textContent = title.textContent;
    title.focus();
  }

  const events = new EventSource("/__sitegen/events");
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (!state.ok) {
      show(state.problems);
    } else if (state.version !== pageVersion) {
      window.location.reload();
    } else {
      hide();
    }
  });
})();
