// Material wraps wide tables in a box that scrolls sideways. A keyboard user can only scroll a box
// that can take focus, so each one gets tabindex and a name (WCAG 2.1.1). Runs after every page
// load, including Material's instant loading.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", "Table (scrolls sideways on small screens)");
  });
});
