// Sharing a result and its objection letter: copy, native share, download.
// Progressive: without JavaScript the link sits in a read-only field and the letter downloads
// from /letter.txt. Nothing the visitor types leaves the browser: the letter is copied or saved
// from the page itself (Clipboard API, Blob), never sent to the server.
(function () {
  "use strict";

  function announce(tools, message) {
    var status = tools.querySelector("[data-share-status]");
    if (!status) return;
    // Emptied first so the same message twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function target(tools, button) {
    return tools.querySelector("#" + button.getAttribute("data-for"));
  }

  function copy(tools, button) {
    var field = target(tools, button);
    if (!field) return;
    var done = function () {
      announce(tools, button.getAttribute("data-done"));
    };
    var failed = function () {
      // Clipboard refused (permissions, insecure context): select it for a manual copy.
      field.focus();
      field.select();
      announce(tools, button.getAttribute("data-failed"));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  }

  function download(tools, button) {
    var field = target(tools, button);
    if (!field) return;
    var blob = new Blob([field.value], { type: "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute("data-filename") || "letter.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    announce(tools, button.getAttribute("data-done"));
  }

  function share(tools, button) {
    var field = target(tools, button);
    if (!field || !navigator.share) return;
    navigator
      .share({ title: button.getAttribute("data-title") || document.title, url: field.value })
      .catch(function () {
        /* the visitor closed the share sheet: nothing to say */
      });
  }

  // Buttons live in <template> elements (inert without JavaScript); only the ones this browser
  // can honour are added: the native share button only where navigator.share exists.
  function enhance(root) {
    var tools = root.querySelectorAll("[data-share-tools]:not([data-enhanced])");
    Array.prototype.forEach.call(tools, function (box) {
      box.setAttribute("data-enhanced", "");
      var template = box.querySelector("template[data-share-buttons]");
      if (!template) return;
      var slot = box.querySelector("[data-share-slot]") || box;
      var buttons = template.content.cloneNode(true);
      Array.prototype.forEach.call(buttons.querySelectorAll("[data-action]"), function (button) {
        var action = button.getAttribute("data-action");
        if (action === "share" && typeof navigator.share !== "function") button.remove();
        if (action === "copy" && !(navigator.clipboard && navigator.clipboard.writeText)) {
          button.remove();
        }
      });
      slot.appendChild(buttons);
      // What JavaScript replaces (the server-made .txt, "copy by hand" hints) goes away.
      Array.prototype.forEach.call(box.querySelectorAll("[data-without-js]"), function (node) {
        node.remove();
      });
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-action]") : null;
    var tools = button && button.closest("[data-share-tools]");
    if (!tools) return;
    var action = button.getAttribute("data-action");
    if (action === "copy") copy(tools, button);
    else if (action === "download") download(tools, button);
    else if (action === "share") share(tools, button);
  });

  // A field that holds the link selects itself whole when focused, ready to copy by hand.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
      event.target.select();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }
  // htmx swaps in result fragments: enhance what arrives.
  document.addEventListener("htmx:afterSettle", function () {
    enhance(document);
  });
})();
