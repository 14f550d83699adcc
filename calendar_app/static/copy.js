// Copy a feed address to the clipboard; a CSP forbids inline script, so this lives here.
"use strict";
(function () {
  function selectAndCopy(input) {
    input.focus();
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    // Plain-http development servers have no Clipboard API; execCommand still copies the selection.
    document.execCommand("copy");
    return Promise.resolve();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".copy-button");
    if (!button) {
      return;
    }
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) {
      return;
    }
    var original = button.textContent;
    selectAndCopy(input).then(function () {
      button.textContent = button.getAttribute("data-copied-label");
      button.classList.add("copied");
      window.setTimeout(function () {
        button.textContent = original;
        button.classList.remove("copied");
      }, 2000);
    });
  });
})();
