// Sharing a result and its objection letter: copy, native share, download.
// Progressive: without JavaScript the link sits in a read-only field, and the letter's form posts
// the text to /letter.txt, which hands it back as a download. With JavaScript nothing the
// visitor types leaves the browser: the letter is copied or saved from the page itself
// (Clipboard API, Blob) and the form is never sent.
(function () {
  "use strict";

  // A browser that can save a file made on the page; any other still posts the form.
  var canSave =
    typeof window.Blob === "function" &&
    !!window.URL &&
    typeof window.URL.createObjectURL === "function" &&
    "download" in document.createElement("a");

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

  // The form's text as a file, named by the form (data-download-as), as the server would.
  function save(form, field) {
    var blob = new Blob([field.value], { type: "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = form.getAttribute("data-download-as") || "letter.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    announce(form, form.getAttribute("data-done"));
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
      // A form that downloads its text still goes to the server where the browser cannot
      // save a file itself: what the page says about it stays true.
      if (box.hasAttribute("data-download-as") && !canSave) return;
      // What JavaScript replaces ("copy by hand" hints, the letter's round trip to the server)
      // goes away; what is true only with it shows.
      Array.prototype.forEach.call(box.querySelectorAll("[data-without-js]"), function (node) {
        node.remove();
      });
      Array.prototype.forEach.call(box.querySelectorAll("[data-with-js]"), function (node) {
        node.hidden = false;
      });
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-action]") : null;
    var tools = button && button.closest("[data-share-tools]");
    if (!tools) return;
    var action = button.getAttribute("data-action");
    if (action === "copy") copy(tools, button);
    else if (action === "share") share(tools, button);
  });

  // The letter's one download button submits its form: saved here instead of posted, so one
  // click is one download. Before enhance() has run, the form posts as without JavaScript.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!canSave || !form.matches || !form.matches("form[data-download-as][data-enhanced]")) {
      return;
    }
    var field = form.querySelector("textarea");
    if (!field) return;
    event.preventDefault();
    save(form, field);
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
