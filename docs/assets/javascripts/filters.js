/* Filters of the home page. The server-rendered list and pager stay the page for readers without
   JavaScript; with it, the form appears and, once a filter is set, matching cards are drawn from the
   JSON index built with the site (every text set with textContent, never as HTML). */
(function () {
  "use strict";
  var PAGE = 50;

  function start() {
    var form = document.getElementById("devex-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var results = document.getElementById("devex-results");
    var list = document.getElementById("devex-list");
    var pager = document.getElementById("devex-pager");
    var activeCount = document.getElementById("devex-filters-active");
    var messages = JSON.parse(form.dataset.messages);
    var root = form.dataset.root;
    var index = null;
    var shown = PAGE;

    function element(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    }

    /* The closing time and the place countdown.js fills, as render/countdown.py writes them. */
    function countdown(item) {
      var span = element("span", "devex-countdown");
      span.dataset.left = messages.left;
      span.appendChild(document.createTextNode(" · " + messages.closesLabel + " "));
      var time = element("time", "", item.closes);
      time.setAttribute("datetime", item.closing);
      span.appendChild(time);
      span.appendChild(element("span", "devex-countdown__left"));
      return span;
    }

    function anchor(url, text) {
      var node = element("a", "", text);
      node.href = root + url;
      return node;
    }

    function card(item) {
      var li = element("li", "devex-card");
      var title = element("h2", "devex-card__title");
      title.appendChild(anchor(item.url, item.title));
      li.appendChild(title);
      var meta = element("p", "devex-card__meta");
      meta.appendChild(element("span", "devex-badge devex-badge--" + item.status, item.statusLabel));
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(element("strong", "", item.valueText));
      if (item.closes) meta.appendChild(countdown(item));
      li.appendChild(meta);
      li.appendChild(element("p", "devex-card__teaser", item.teaser));
      var facts = element("p", "devex-card__facts", messages.department + " ");
      facts.appendChild(anchor(item.departmentUrl, item.departmentName));
      facts.appendChild(element("br"));
      facts.appendChild(document.createTextNode(messages.skills + " "));
      item.skills.forEach(function (skill, position) {
        if (position) facts.appendChild(document.createTextNode(", "));
        facts.appendChild(anchor(skill[2], skill[1]));
      });
      li.appendChild(facts);
      return li;
    }

    function values() {
      var read = function (name) { return form.elements[name].value.trim(); };
      return {
        skill: read("skill"), department: read("department"), status: read("status"),
        min: read("min") === "" ? null : Number(read("min")),
        max: read("max") === "" ? null : Number(read("max"))
      };
    }

    function active(f) {
      return f.skill || f.department || f.status || f.min !== null || f.max !== null;
    }

    /* "(2 active)" after the summary, so a closed panel on a phone still says filters are set. */
    function showActive(f) {
      var set = [f.skill, f.department, f.status, f.min !== null, f.max !== null].filter(Boolean).length;
      activeCount.textContent = !set ? "" : set === 1 ? messages.active_one
        : messages.active_other.replace("{count}", set);
    }

    function matches(item, f) {
      if (f.skill && !item.skills.some(function (s) { return s[0] === f.skill; })) return false;
      if (f.department && item.department !== f.department) return false;
      if (f.status && item.status !== f.status) return false;
      if (f.min !== null && !isNaN(f.min) && item.value < f.min) return false;
      if (f.max !== null && !isNaN(f.max) && item.value > f.max) return false;
      return true;
    }

    function draw() {
      var f = values();
      var filtering = active(f);
      showActive(f);
      if (list) list.hidden = filtering;
      if (pager) pager.hidden = filtering;
      results.hidden = !filtering;
      results.textContent = "";
      if (!filtering || !index) return;
      var found = index.filter(function (item) { return matches(item, f); });
      var count = found.length === 1 ? messages.count_one : messages.count_other.replace("{count}", found.length);
      results.appendChild(element("p", "devex-results__count", found.length ? count : messages.none));
      if (!found.length) return;
      var grid = element("div", "grid cards devex-cards");
      var ul = element("ul");
      found.slice(0, shown).forEach(function (item) { ul.appendChild(card(item)); });
      grid.appendChild(ul);
      results.appendChild(grid);
      if (window.devexCountdown) window.devexCountdown(results);
      if (found.length > shown) {
        var more = element("button", "md-button", messages.more);
        more.type = "button";
        more.addEventListener("click", function () {
          var next = ul.children.length;
          shown += PAGE;
          found.slice(next, shown).forEach(function (item) { ul.appendChild(card(item)); });
          if (window.devexCountdown) window.devexCountdown(ul);
          if (found.length <= shown) more.remove();
          var link = ul.children[next] && ul.children[next].querySelector("a");
          if (link) link.focus();
        });
        results.appendChild(more);
      }
    }

    function update() {
      shown = PAGE;
      if (index) return Promise.resolve(draw());
      return fetch(form.dataset.index)
        .then(function (answer) { return answer.json(); })
        .then(function (rows) { index = rows; draw(); });
    }

    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update().then(function () { if (!results.hidden) results.focus(); });
    });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    results.tabIndex = -1; // "Show results" moves the focus there
    form.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
