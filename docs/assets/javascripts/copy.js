/* The "Copy the template" button of an open opportunity's page (site_builder/render/application.py). The
   template is a <pre> anyone can read and select without JavaScript, in the element named by data-source (not
   the <pre> itself: Material's script renames the ids of <pre> elements); the button, rendered `hidden` (its place
   held by devex.css when scripting is on, so revealing it moves nothing), is revealed here. Pressing it (a real
   <button>: Enter or Space) copies the template's text with navigator.clipboard.writeText; when the browser refuses
   or has no clipboard API, the text is selected and document.execCommand("copy") tried. Either way the polite
   live region beside the button says what happened, in the page's language (the data- attributes, from
   site_builder/i18n.py). */
(function () {
  "use strict";

  function announce(status, text) {
    // emptied first, so that pressing the button twice says it twice
    status.textContent = "";
    setTimeout(function () {
      status.textContent = text;
    }, 100);
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copySelected(source) {
    selectText(source);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function enhance(place) {
    var source = document.getElementById(place.dataset.source);
    var button = place.querySelector("button");
    var status = place.querySelector("[role=status]");
    if (!source || !button || !status) return;
    button.addEventListener("click", function () {
      var copied = function () {
        announce(status, place.dataset.copied);
      };
      var fallback = function () {
        announce(status, copySelected(source) ? place.dataset.copied : place.dataset.failed);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.textContent).then(copied, fallback);
      } else {
        fallback();
      }
    });
    place.hidden = false;
  }

  function start() {
    document.querySelectorAll(".devex-copy[data-source]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
