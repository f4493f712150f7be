/* The time left before an opportunity closes, from the reader's clock (render/countdown.py writes the closing
   time as text and as <time datetime>; without this script the closing time alone is shown, and stays right).
   Rounded up as site_builder/locale.py's time_left rounds: "1 day left" never means "closed". Redrawn every
   minute; filters.js calls window.devexCountdown on the cards it draws. */
(function () {
  "use strict";

  function left(labels, closing, now) {
    var seconds = (closing - now) / 1000;
    if (seconds <= 0) return labels[3];
    var hours = Math.ceil(seconds / 3600);
    if (hours < 48) return hours > 1 ? labels[1].replace("{count}", hours) : labels[2];
    return labels[0].replace("{count}", Math.ceil(seconds / 86400));
  }

  function update(root) {
    var now = Date.now();
    (root || document).querySelectorAll(".devex-countdown").forEach(function (element) {
      var closing = Date.parse(element.querySelector("time").getAttribute("datetime"));
      var place = element.querySelector(".devex-countdown__left");
      if (isNaN(closing) || !place) return;
      place.textContent = " · " + left(element.dataset.left.split("|"), closing, now);
    });
  }

  window.devexCountdown = update;
  function start() {
    update();
    setInterval(update, 60000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
