/* Keys for the coding page (admin/coding/code.html). The page works without
   this: every action is a plain form or link; this only saves key presses.
   1-9 tick a code, / finds a code by name, j and k save and move on or back,
   s saves. Keys typed into a text box are left alone. */
(function () {
  "use strict";
  var form = document.getElementById("coding-form");
  if (!form) {
    return;
  }
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="codes"]'));
  var group = document.getElementById("code-filter-group");
  var filter = document.getElementById("code-filter");
  var rows = Array.prototype.slice.call(form.querySelectorAll(".coding-code"));

  function typing(target) {
    return target.matches("input[type=text], input[type=search], textarea, select");
  }

  function submit(action) {
    var button = form.querySelector('button[value="' + action + '"]');
    if (button) {
      form.requestSubmit(button);
    }
  }

  function shown() {
    return rows.filter(function (row) { return !row.hidden; });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (/^[1-9]$/.test(event.key)) {
      var box = boxes[Number(event.key) - 1];
      if (box) {
        box.checked = !box.checked;
        box.focus();
        event.preventDefault();
      }
    } else if (event.key === "j") {
      event.preventDefault();
      submit("next");
    } else if (event.key === "k") {
      event.preventDefault();
      submit("previous");
    } else if (event.key === "s") {
      event.preventDefault();
      submit("save");
    } else if (event.key === "/" && filter) {
      event.preventDefault();
      filter.focus();
    }
  });

  if (group && filter) {
    group.hidden = false;
    filter.addEventListener("input", function () {
      var words = filter.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = words !== "" && row.dataset.name.indexOf(words) === -1;
      });
    });
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var first = shown()[0];
        filter.value = "";
        rows.forEach(function (row) { row.hidden = false; });
        if (first) {
          // Focus leaves the box, so the next keys move or save again.
          var box = first.querySelector("input");
          box.checked = !box.checked;
          box.focus();
        }
      } else if (event.key === "Escape") {
        filter.value = "";
        rows.forEach(function (row) { row.hidden = false; });
        filter.blur();
      }
    });
  }
}());
