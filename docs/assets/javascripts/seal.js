/* The Apply form of an open opportunity's page: "Seal my application" (site_builder/render/sealed_form.py,
   issue 25). The form, rendered `hidden` (its place held by apply.css when scripting is on), is revealed here.
   On submit, the answers become the application's text (the application line first, the criteria as the
   template numbers them, each answer under its criterion, then the profile line), sealed with drand's timelock
   encryption (tlock-js, tlock.bundle.js beside this file, loaded with import() on the first seal, never before)
   to the first beacon round at or after the closing time. tlock-js asks its chain client only for the chain's
   info to encrypt: the client below answers it from the form's data- attributes (opportunities/marketplace.yaml
   `beacon`), so sealing makes no request at all. The result, the application line and the armored age file in a
   code fence, is shown read-only with a Copy button (copy.js) and the Discussion link; the focus moves to its
   heading and the polite live region says what happened, in the page's language (data- attributes). */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var MAX_COMMENT = 65536; // characters in a GitHub comment
  var tlock = null; // the bundle's module, once loaded

  // The first round produced at `closingMs` or later: round r is produced at genesis + (r - 1) * period seconds
  // (site_builder.selection.beacon.first_round_at_or_after, the same arithmetic on whole seconds).
  function firstRoundAtOrAfter(closingMs, genesis, period) {
    var elapsed = Math.ceil(closingMs / 1000) - genesis;
    return elapsed <= 0 ? 1 : Math.ceil(elapsed / period) + 1;
  }

  function lines(text) {
    var trimmed = text.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
    return trimmed ? trimmed.split("\n") : [];
  }

  // The plaintext: what the buyer reads at closing, and what the page publishes then.
  function compose(form) {
    var data = form.dataset;
    var out = [data.line, "", data.criteriaHeading];
    form.querySelectorAll(".devex-seal__field").forEach(function (place) {
      var criterion = place.querySelector(".devex-seal__criterion");
      var field = place.querySelector("textarea");
      if (!criterion || !field) return; // the profile's field, composed below
      out.push(criterion.textContent);
      lines(field.value).forEach(function (line) {
        out.push(line ? "   " + line : "");
      });
      out.push("");
    });
    out.push(data.profileHeading);
    lines(form.querySelector("textarea[name=profile]").value).forEach(function (line) {
      out.push(line);
    });
    return out.join("\n") + "\n";
  }

  function written(form) {
    return Array.prototype.some.call(form.querySelectorAll("textarea"), function (field) {
      return field.value.trim() !== "";
    });
  }

  // A drand chain client that knows the chain's facts and nothing else: no request is ever made.
  function offlineClient(data) {
    var info = {
      public_key: data.publicKey,
      period: Number(data.period),
      genesis_time: Number(data.genesis),
      hash: data.chainHash,
      groupHash: "",
      schemeID: data.scheme,
      metadata: { beaconID: "" },
    };
    var noRound = function () {
      return Promise.reject(new Error("sealing needs no round"));
    };
    return {
      options: { disableBeaconVerification: false, noCache: false },
      chain: function () {
        return {
          baseUrl: "offline",
          info: function () {
            return Promise.resolve(info);
          },
        };
      },
      get: noRound,
      latest: noRound,
    };
  }

  function loadTlock() {
    if (!tlock) tlock = import(new URL("tlock.bundle.js", here).href);
    return tlock;
  }

  function say(status, text) {
    status.textContent = "";
    setTimeout(function () {
      status.textContent = text;
    }, 100);
  }

  function enhance(form) {
    var data = form.dataset;
    var round = firstRoundAtOrAfter(Date.parse(data.closing), Number(data.genesis), Number(data.period));
    var status = form.querySelector(".devex-seal__status");
    var result = document.getElementById(form.id + "-result");
    var output = result.querySelector("pre code");
    var heading = result.querySelector("h4");
    var busy = false;
    form.querySelector(".devex-seal__round").textContent = String(round);
    form.dataset.round = String(round);

    form.addEventListener("input", function () {
      result.hidden = true; // a sealed text no longer matches the answers: never copied by mistake
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      // A page built before the closing may still be open after it: a text sealed then would be late, and its
      // round already out (readable by anyone at once). Nothing is sealed after the closing time.
      if (Date.now() >= Date.parse(data.closing)) {
        say(status, data.closed);
        return;
      }
      if (!written(form)) {
        say(status, data.empty);
        form.querySelector("textarea").focus();
        return;
      }
      busy = true;
      form.setAttribute("aria-busy", "true");
      result.hidden = true;
      say(status, data.working);
      var plaintext = new TextEncoder().encode(compose(form));
      loadTlock()
        .then(function (module) {
          return module.timelockEncrypt(round, plaintext, offlineClient(data));
        })
        .then(function (armored) {
          var comment = data.line + "\n\n```\n" + armored.replace(/\s+$/, "") + "\n```\n";
          if (comment.length > MAX_COMMENT) {
            say(status, data.tooLong.replace("{size}", comment.length.toLocaleString(document.documentElement.lang)));
            return;
          }
          output.textContent = comment;
          result.hidden = false;
          say(status, data.done);
          heading.focus();
        })
        .catch(function () {
          say(status, data.failed);
        })
        .then(function () {
          busy = false;
          form.removeAttribute("aria-busy");
        });
    });
    form.hidden = false;
    var note = form.parentNode.querySelector(".devex-seal__nojs");
    if (note) note.hidden = true;
  }

  // For the tests and for anyone checking the page's arithmetic against the Python one.
  window.devexSeal = { firstRoundAtOrAfter: firstRoundAtOrAfter };

  function start() {
    if (!here || !window.TextEncoder || !window.crypto || !window.crypto.getRandomValues) return;
    document.querySelectorAll("form.devex-seal__form[data-closing]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
