/* The search form in the header (overrides/partials/devex-search.html). Nothing is downloaded until the
   first search: then Pagefind's script (pagefind/pagefind.js, written by the build) loads the index of this
   page's <html lang>, and only the chunks the words need. Results are links in a list: ArrowDown from the
   field (or Tab) reaches them, ArrowUp/ArrowDown move between them, Escape goes back to the field, Enter
   opens one. Every text is set with textContent; excerpts keep only Pagefind's <mark>. */
(function () {
  "use strict";
  var SHOWN = 8;

  function start() {
    var form = document.querySelector("form.devex-search");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var input = form.querySelector(".devex-search__input");
    var panel = form.querySelector(".devex-search__panel");
    var status = form.querySelector(".devex-search__status");
    var list = form.querySelector(".devex-search__results");
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

    function count(n) {
      if (n === 0) return form.dataset.none;
      if (n === 1) return form.dataset.one;
      return form.dataset.many.replace("{count}", n.toLocaleString(document.documentElement.lang));
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

    function item(data) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "devex-search__link";
      a.href = data.url;
      var title = document.createElement("span");
      title.className = "devex-search__title";
      title.textContent = data.meta.title || data.url;
      a.appendChild(title);
      var text = excerpt(data.excerpt || "");
      text.className = "devex-search__excerpt";
      a.appendChild(text);
      li.appendChild(a);
      return li;
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
          return pagefind.search(query);
        })
        .then(function (found) {
          return Promise.all(
            found.results.slice(0, SHOWN).map(function (result) {
              return result.data();
            })
          ).then(function (data) {
            if (ask !== asked) return;
            list.replaceChildren.apply(list, data.map(item));
            status.textContent = count(found.results.length);
          });
        })
        .catch(function () {
          if (ask !== asked) return;
          list.replaceChildren();
          status.textContent = form.dataset.failed;
        });
    }

    function close() {
      panel.hidden = true;
      list.replaceChildren();
      status.textContent = "";
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
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
      if (list.children.length) panel.hidden = false;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
