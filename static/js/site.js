// Comfort only: every page works without this file.
document.documentElement.classList.add("js");
// The language switch keeps the reader's place: carry the current #anchor over.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-keep-anchor]");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});

// After a form comes back with errors, move focus to the summary so it is read first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// On paper each link's address is written after it (print.css). `link.href` is the full
// address, so a printout's links can be typed in; without this file they print as paths.
document.querySelectorAll('main a[href^="/"]').forEach(function (link) {
  link.setAttribute("data-print-href", link.href);
});

// Read aloud (朗读): the main content in the page's language, with the browser's own speech
// synthesis; nothing leaves the browser. The buttons are in the page, hidden; they are shown
// only where the browser can speak.
(function () {
  var bar = document.querySelector("[data-read-aloud]");
  if (!bar || !("speechSynthesis" in window) || !window.speechSynthesis ||
      typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var synth = window.speechSynthesis;
  var readButton = bar.querySelector("[data-read]");
  var pauseButton = bar.querySelector("[data-pause]");
  var stopButton = bar.querySelector("[data-stop]");
  var status = bar.querySelector("[data-read-status]");
  // Blocks read one after another, each its own utterance: a short utterance starts sooner
  // and some browsers cut long ones off.
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, summary, blockquote, figcaption";
  // Not read: the buttons themselves, "#" links, what is only for print or only for the eye.
  var SKIP = "[data-read-aloud], .self-link, .print-only, [aria-hidden='true'], script, style, template";
  var state = "idle";
  var run = 0;

  // zh-Hans is written zh-CN by the voices browsers have; English here is British.
  function speechLanguage() {
    var lang = (document.documentElement.lang || "en").toLowerCase();
    return lang.indexOf("zh") === 0 ? "zh-CN" : lang.indexOf("en") === 0 ? "en-GB" : lang;
  }

  function voiceFor(lang) {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var wanted = lang.toLowerCase();
    var base = wanted.split("-")[0];
    var exact = null, near = null;
    voices.forEach(function (voice) {
      var code = (voice.lang || "").replace("_", "-").toLowerCase();
      if (!exact && code === wanted) { exact = voice; }
      if (!near && code.split("-")[0] === base) { near = voice; }
    });
    return exact || near;
  }

  function rendered(element) {
    return element.getClientRects().length > 0;
  }

  // The text of <main>, block by block, as a reader sees it.
  function chunks() {
    var main = document.getElementById("main");
    var order = [];
    var texts = new Map();
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!node.textContent.trim() || parent.closest(SKIP) || !rendered(parent)) {
        continue;
      }
      var block = parent.closest(BLOCKS) || parent;
      if (!texts.has(block)) {
        texts.set(block, []);
        order.push(block);
      }
      texts.get(block).push(node.textContent);
    }
    return order
      .map(function (block) { return texts.get(block).join("").replace(/\s+/g, " ").trim(); })
      .filter(function (text) { return text; });
  }

  function show(newState) {
    state = newState;
    readButton.hidden = state !== "idle";
    pauseButton.hidden = state === "idle";
    stopButton.hidden = state === "idle";
    pauseButton.textContent = state === "paused" ? pauseButton.dataset.resumeLabel : pauseButton.dataset.pauseLabel;
    status.textContent = state === "idle" ? "" : state === "paused" ? status.dataset.paused : status.dataset.reading;
  }

  readButton.addEventListener("click", function () {
    synth.cancel();
    run += 1;
    var thisRun = run;
    var lang = speechLanguage();
    var voice = voiceFor(lang);
    var parts = chunks();
    show("reading");
    pauseButton.focus();
    parts.forEach(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      if (voice) { utterance.voice = voice; }
      if (index === parts.length - 1) {
        utterance.onend = utterance.onerror = function () {
          if (run === thisRun && state !== "idle") { show("idle"); }
        };
      }
      synth.speak(utterance);
    });
  });

  pauseButton.addEventListener("click", function () {
    if (state === "reading") {
      synth.pause();
      show("paused");
    } else if (state === "paused") {
      synth.resume();
      show("reading");
    }
  });

  stopButton.addEventListener("click", function () {
    run += 1;
    synth.cancel();
    show("idle");
    readButton.focus();
  });

  // Leaving the page stops the voice.
  window.addEventListener("pagehide", function () {
    if (state !== "idle") { synth.cancel(); }
  });

  show("idle");
  bar.hidden = false;
})();

// Cite this provision: on an article's page, a Copy button after each citation. The
// citations are on the page without it; the button only saves selecting them by hand.
(function () {
  var container = document.querySelector("[data-copy-citations]");
  if (!container || !navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var label = container.dataset.copyLabel;
  var done = container.dataset.copiedLabel;
  container.querySelectorAll(".cite-text").forEach(function (citation) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-citation";
    // The visible word, then (for screen readers) what it copies.
    var word = document.createElement("span");
    word.className = "copy-word";
    word.textContent = label;
    var what = document.createElement("span");
    what.className = "visually-hidden";
    what.lang = citation.lang;
    what.textContent = " " + citation.textContent;
    button.append(word, what);
    citation.after(button);
  });
  var status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  container.appendChild(status);
  container.addEventListener("click", function (event) {
    var button = event.target.closest(".copy-citation");
    if (!button) {
      return;
    }
    var text = button.previousElementSibling.textContent;
    navigator.clipboard.writeText(text).then(function () {
      container.querySelectorAll(".copy-word").forEach(function (other) {
        other.textContent = label;
      });
      button.querySelector(".copy-word").textContent = done;
      status.textContent = done + ": " + text;
    });
  });
})();
