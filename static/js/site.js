// Progressive enhancement only: every page works without this file.
// GOV.UK Frontend's components look for this class before they initialise.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const script = document.querySelector("script[data-govuk-frontend]");
if (script) {
  import(script.dataset.govukFrontend).then(({ initAll }) => initAll());
}

// Copy buttons (for example the survey's resume link).
for (const button of document.querySelectorAll("[data-copy-target]")) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const target = document.getElementById(button.dataset.copyTarget);
    if (!target || !navigator.clipboard) return;
    navigator.clipboard.writeText(target.value || target.textContent.trim()).then(() => {
      const status = document.getElementById(button.dataset.copyStatus);
      if (status) status.textContent = "Link copied";
    });
  });
}

// Print buttons.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
