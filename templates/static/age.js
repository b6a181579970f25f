// Says on the page when the site was built more than a day ago.
//
// Statuses that depend on the date (overdue actions, opportunities closing soon or
// closed) are worked out when the site is built, and the footer says on which day.
// The site is meant to be rebuilt every day; when a rebuild has been missed, this
// script compares the build date with the visitor's date, both in the site's time
// zone, and shows a note at the top of the page. Without JavaScript the page is
// unchanged: the footer still gives the date everything was worked out as of.
(function () {
  "use strict";

  var STALE_AFTER_DAYS = 2;
  var DAY_MS = 24 * 60 * 60 * 1000;

  function dayNumber(year, month, day) {
    return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
  }

  // Today's date where the site is, as a day number; the visitor's own date if the
  // browser does not know the site's time zone.
  function today(timeZone) {
    var now = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", {
        timeZone: timeZone || undefined,
        year: "numeric",
        month: "numeric",
        day: "numeric"
      }).formatToParts(now).forEach(function (part) {
        parts[part.type] = Number(part.value);
      });
      if (parts.year && parts.month && parts.day) {
        return dayNumber(parts.year, parts.month, parts.day);
      }
    } catch (error) {
      // An unknown time zone: fall back to the visitor's own date below.
    }
    return dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  function show() {
    var built = document.getElementById("built-on");
    var notice = document.getElementById("page-age");
    if (!built || !notice) {
      return;
    }
    var date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(built.getAttribute("datetime") || "");
    if (!date) {
      return;
    }
    var age = today(built.getAttribute("data-timezone")) -
      dayNumber(Number(date[1]), Number(date[2]), Number(date[3]));
    if (!(age >= STALE_AFTER_DAYS)) {
      return;
    }
    var text = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = "This page may be out of date.";
    text.appendChild(strong);
    text.appendChild(document.createTextNode(
      " It was built on " + built.textContent + ", " + age + " days ago: " +
      "what it says is overdue, open or closed is as it was on that day."
    ));
    notice.appendChild(text);
    notice.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
})();
