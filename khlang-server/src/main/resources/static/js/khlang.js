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

// The login confirmation page waits for the phone: poll the state, continue when approved.
document.addEventListener('DOMContentLoaded', () => {
  const waiting = document.querySelector('[data-poll]');
  if (!waiting || waiting.dataset.state !== 'PENDING') {
    return;
  }
  const poll = async () => {
    try {
      const response = await fetch(waiting.dataset.poll, { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        window.location.reload();
        return;
      }
      const { state } = await response.json();
      if (state === 'APPROVED') {
        document.getElementById('complete-form').submit();
        return;
      }
      if (state !== 'PENDING') {
        window.location.reload();
        return;
      }
    } catch (offline) {
      // keep waiting: the network may come back
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1500);
});
