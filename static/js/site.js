// Progressive enhancement only: every page works without this file.
// GOV.UK Frontend's components look for this class before they initialise.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const script = document.querySelector("script[data-govuk-frontend]");
if (script) {
  import(script.dataset.govukFrontend).then(({ initAll }) => initAll());
}

// Copy buttons (the survey's resume link, the share page's message and link).
// Where the clipboard is refused, the text is selected for the person to copy.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const target = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!target) return;
    const say = (text) => {
      if (status) status.textContent = text;
    };
    const selectIt = () => {
      if (target.select) target.select();
      say("Press Control and C (or Command and C) to copy the selected text");
    };
    if (!navigator.clipboard) {
      selectIt();
      return;
    }
    const text = target.value || target.textContent.trim();
    navigator.clipboard
      .writeText(text)
      .then(() => say(button.dataset.copyDone || "Link copied"))
      .catch(selectIt);
  });
}

// Print buttons.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
