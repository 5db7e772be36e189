// The activity import form with a progress bar: the upload's bytes as they leave the phone,
// then the files as the server reads them (NDJSON lines, see web/progress_stream.py), then
// the finished page in place. Without this script the form is a plain post.
(function () {
  "use strict";

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0);
  }

  // The answer's page in place of this one; false when the answer holds no page (a proxy's
  // error, a cut connection), so the caller can say so.
  function swapMain(html) {
    var fresh = new DOMParser().parseFromString(html || "", "text/html").querySelector("main");
    var current = document.querySelector("main");
    if (!fresh || !current) {
      return false;
    }
    current.replaceWith(fresh);
    bind();
    var result = document.getElementById("import-result");
    (result || fresh).scrollIntoView({ block: "start" });
    return true;
  }

  function bind() {
    var form = document.querySelector("form[data-import]");
    if (!form || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) {
      return;
    }
    var box = document.getElementById("import-progress");
    var bar = box.querySelector("progress");
    var text = document.getElementById("import-progress-text");
    var button = form.querySelector("button[type=submit]");

    function show(value, max, words) {
      box.hidden = false;
      bar.max = Math.max(1, max);
      bar.value = value;
      text.textContent = words;
    }

    var finished = false;

    function fail(words) {
      button.disabled = false;
      show(0, 1, words);
    }

    function handle(event) {
      if (event.phase === "reading") {
        show(event.done, event.of, "Reading your files: " + event.done + " of " + event.of);
      } else if (event.phase === "saving") {
        show(event.of, event.of, "Read all " + event.of + " files. Saving the runs and working out your usual week\u2026");
      } else if (event.phase === "done") {
        finished = true;
        if (!swapMain(event.html)) {
          fail("The import ended, but its page did not arrive. Open your week to see what was imported.");
        }
      }
    }

    form.addEventListener("submit", function (submitted) {
      if (!form.reportValidity()) {
        return;
      }
      submitted.preventDefault();
      button.disabled = true;
      var xhr = new XMLHttpRequest();
      var seen = 0;
      var pending = "";

      function streamed() {
        return (xhr.getResponseHeader("Content-Type") || "").indexOf("application/x-ndjson") === 0;
      }

      function readLines(all) {
        pending += xhr.responseText.slice(seen);
        seen = xhr.responseText.length;
        var lines = pending.split("\n");
        pending = all ? "" : lines.pop();
        lines.forEach(function (line) {
          var event = null;
          try {
            event = line.trim() ? JSON.parse(line) : null;
          } catch (ignored) {
            event = null; // a line cut short by a broken connection: the end says so
          }
          if (event) {
            handle(event);
          }
        });
      }

      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/x-ndjson");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          show(e.loaded, e.total, "Uploading: " + megabytes(e.loaded) + " of " + megabytes(e.total) + " MB");
        }
      });
      xhr.upload.addEventListener("load", function () {
        show(0, 1, "Uploaded. Opening the files\u2026");
      });
      xhr.addEventListener("progress", function () {
        if (streamed()) {
          readLines(false);
        }
      });
      xhr.addEventListener("load", function () {
        if (streamed()) {
          readLines(true);
          if (!finished) {
            fail("The connection broke off before the import finished. Upload again: runs that already reached runlift are skipped as duplicates.");
          }
        } else if (!swapMain(xhr.responseText)) { // a refusal (too large, a bad field) says why
          fail("runlift did not answer as expected (status " + xhr.status + "). Try again in a minute.");
        }
      });
      xhr.addEventListener("error", function () {
        fail("The connection broke off. Upload again: runs that already reached runlift are skipped as duplicates.");
      });
      xhr.send(new FormData(form));
    });
  }

  bind();
})();
