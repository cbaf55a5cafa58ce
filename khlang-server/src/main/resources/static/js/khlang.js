// Khlang's little behaviour; pages work without it. No inline scripts: the content security policy forbids them.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-print]').forEach((button) => {
    button.addEventListener('click', () => window.print());
  });
  // Take people straight to the first problem of a refused form.
  const problem = document.getElementById('problem');
  if (problem) {
    problem.focus();
  }
  // Ask before a destructive action.
  document.querySelectorAll('button[data-confirm]').forEach((button) => {
    button.addEventListener('click', (event) => {
      if (!window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});
