/* The search form in the header (overrides/partials/devex-search.html). Nothing is downloaded until the
   first search: then Pagefind's script (pagefind/pagefind.js, written by the build) loads the index of this
   page's <html lang>, and only the chunks the words need. Results come in two groups, each under its heading,
   one Pagefind search per kind (the `kind` filter of render/search_meta.py): opportunities, with the status
   badge, value and closing date their search documents carry as metadata, and guides, each linked at its
   best-matching section (Pagefind's sub-results). The live region counts both. Results are links:
   ArrowDown from the field (or Tab) reaches them, ArrowUp/ArrowDown move between them across the groups,
   Escape goes back to the field, Enter opens one. Every text is set with textContent; excerpts keep only
   Pagefind's <mark>. The search page (search/?q=...) runs its query on load. */
(function () {
  "use strict";
  var SHOWN = { opportunity: 8, guide: 4 };

  function start() {
    var form = document.querySelector("form.devex-search");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var input = form.querySelector(".devex-search__input");
    var panel = form.querySelector(".devex-search__panel");
    var status = form.querySelector(".devex-search__status");
    var groups = {};
    form.querySelectorAll(".devex-search__group").forEach(function (group) {
      groups[group.dataset.kind] = { box: group, list: group.querySelector(".devex-search__results") };
    });
    var engine = null;
    var asked = 0;
    var timer = 0;

    function load() {
      if (!engine) {
        var base = new URL(form.dataset.base, location.href);
        engine = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
          return pagefind.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () {
            return pagefind;
          });
        });
      }
      return engine;
    }

    function counted(kind, n) {
      if (n === 1) return form.dataset[kind + "One"];
      return form.dataset[kind + "Many"].replace("{count}", n.toLocaleString(document.documentElement.lang));
    }

    function count(found) {
      var parts = [];
      if (found.opportunity.length) parts.push(counted("opportunity", found.opportunity.length));
      if (found.guide.length) parts.push(counted("guide", found.guide.length));
      if (!parts.length) return form.dataset.none;
      return form.dataset.found.replace("{what}", parts.join(" " + form.dataset.and + " "));
    }

    function excerpt(html) {
      var node = document.createElement("span");
      var body = new DOMParser().parseFromString(html, "text/html").body;
      body.childNodes.forEach(function (child) {
        if (child.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = child.textContent;
          node.appendChild(mark);
        } else {
          node.appendChild(document.createTextNode(child.textContent));
        }
      });
      return node;
    }

    function span(className, text) {
      var node = document.createElement("span");
      node.className = className;
      node.textContent = text;
      return node;
    }

    /* Status (the cards' badge), value and closing date, from the opportunity's search document. */
    function facts(meta) {
      var line = span("devex-search__facts", "");
      if (meta.status && meta.status_text) {
        line.appendChild(span("devex-badge devex-badge--" + meta.status, meta.status_text));
      }
      [meta.value, meta.closing].forEach(function (text) {
        if (text) line.appendChild(span("devex-search__fact", text));
      });
      return line;
    }

    /* A guide's section that holds the words best (Pagefind's sub-results, one per heading with an id). */
    function section(data) {
      var best = null;
      var bestScore = -1;
      (data.sub_results || []).forEach(function (sub) {
        var score = (sub.weighted_locations || []).reduce(function (sum, at) {
          return sum + (at.balanced_score || at.weight || 1);
        }, 0);
        if (score > bestScore) {
          best = sub;
          bestScore = score;
        }
      });
      return best;
    }

    function item(kind, data) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "devex-search__link";
      var title = data.meta.title || data.url;
      var sub = kind === "guide" ? section(data) : null;
      a.href = sub && sub.url ? sub.url : data.url;
      a.appendChild(span("devex-search__title", title));
      if (sub && sub.title && sub.title !== title) a.appendChild(span("devex-search__section", sub.title));
      if (kind === "opportunity") a.appendChild(facts(data.meta));
      var text = excerpt((sub && sub.excerpt) || data.excerpt || "");
      text.className = "devex-search__excerpt";
      a.appendChild(text);
      li.appendChild(a);
      return li;
    }

    function show(kind, results, data) {
      var group = groups[kind];
      group.list.replaceChildren.apply(
        group.list,
        data.map(function (one) {
          return item(kind, one);
        })
      );
      group.box.hidden = results.length === 0;
    }

    function search(query) {
      var ask = ++asked;
      query = query.trim();
      if (!query) {
        close();
        return Promise.resolve();
      }
      panel.hidden = false;
      status.textContent = form.dataset.loading;
      return load()
        .then(function (pagefind) {
          return Promise.all(
            Object.keys(SHOWN).map(function (kind) {
              return pagefind.search(query, { filters: { kind: kind } }).then(function (found) {
                return Promise.all(
                  found.results.slice(0, SHOWN[kind]).map(function (result) {
                    return result.data();
                  })
                ).then(function (data) {
                  return { kind: kind, results: found.results, data: data };
                });
              });
            })
          );
        })
        .then(function (kinds) {
          if (ask !== asked) return;
          var found = {};
          kinds.forEach(function (one) {
            show(one.kind, one.results, one.data);
            found[one.kind] = one.results;
          });
          status.textContent = count(found);
        })
        .catch(function () {
          if (ask !== asked) return;
          empty();
          status.textContent = form.dataset.failed;
        });
    }

    function empty() {
      Object.keys(groups).forEach(function (kind) {
        groups[kind].list.replaceChildren();
        groups[kind].box.hidden = true;
      });
    }

    function close() {
      panel.hidden = true;
      empty();
      status.textContent = "";
    }

    function links() {
      return Array.prototype.slice.call(panel.querySelectorAll("a"));
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        search(input.value);
      }, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search(input.value).then(function () {
        var first = links()[0];
        if (first) first.focus();
      });
    });
    form.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        close();
        input.focus();
      } else if (event.key === "ArrowDown" && all.length && (document.activeElement === input || at >= 0)) {
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : all[at - 1]).focus();
      } else {
        return;
      }
      event.preventDefault();
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget) && event.relatedTarget) panel.hidden = true;
    });
    input.addEventListener("focus", function () {
      if (links().length) panel.hidden = false;
    });

    /* The search page (where the form leads without scripting) opened with ?q=: search for it here. */
    var asking = document.querySelector(".devex-search-page") && new URLSearchParams(location.search).get("q");
    if (asking) {
      input.value = asking;
      search(asking);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
