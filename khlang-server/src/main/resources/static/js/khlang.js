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

// A confirmation page of an approval waits for the phone: poll the state, continue when approved.
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

// The login confirmation page waits for the phone: ask to complete every 1.5 s; the server answers the state while
// the phone has not answered, and signs in on the same call once it has approved.
document.addEventListener('DOMContentLoaded', () => {
  const waiting = document.querySelector('[data-complete]');
  if (!waiting) {
    return;
  }
  // The page may be the answer to the password (a POST to /login): show its own address, so that reloading it
  // reads the page instead of sending the password again.
  if (window.location.pathname !== waiting.dataset.page) {
    window.history.replaceState(null, '', waiting.dataset.page);
  }
  // Waiting, or approved already (say the page was reloaded after the phone answered): ask to complete.
  if (waiting.dataset.state !== 'PENDING' && waiting.dataset.state !== 'APPROVED') {
    return;
  }
  const form = document.getElementById('complete-form');
  const poll = async () => {
    try {
      const response = await fetch(waiting.dataset.complete, {
        method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' },
      });
      // Refused, or sent elsewhere (a session that ended is redirected to the sign-in page): show the page again.
      if (!response.ok || response.redirected
          || !(response.headers.get('Content-Type') || '').includes('application/json')) {
        window.location.assign(waiting.dataset.page);
        return;
      }
      const { state, next } = await response.json();
      if (state === 'SIGNED_IN') {
        window.location.assign(next);
        return;
      }
      if (state !== 'PENDING' && state !== 'APPROVED') {
        window.location.assign(waiting.dataset.page);
        return;
      }
    } catch (offline) {
      // keep waiting: the network may come back
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, waiting.dataset.state === 'APPROVED' ? 300 : 1500);
});

// The help page's chat bot: questions go to /help/chat; an unknown question offers a ticket.
document.addEventListener('DOMContentLoaded', () => {
  const chat = document.getElementById('chat');
  if (!chat) {
    return;
  }
  const log = document.getElementById('chat-log');
  const input = document.getElementById('chat-question');
  const say = (who, text, link) => {
    const item = document.createElement('li');
    item.className = who;
    item.textContent = text;
    if (link) {
      const anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.text;
      item.append(' ', anchor);
    }
    log.append(item);
  };
  document.getElementById('chat-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) {
      return;
    }
    say('me', question);
    input.value = '';
    const response = await fetch(`${chat.dataset.chat}?q=${encodeURIComponent(question)}`,
      { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      say('bot', response.status === 429 ? 'โปรดรอสักครู่ · Please wait a moment' : `HTTP ${response.status}`);
      return;
    }
    const answer = await response.json();
    if (answer.escalate) {
      say('bot', document.getElementById('chat-unknown').content.textContent.trim(),
        { href: `${chat.dataset.ticket}?q=${encodeURIComponent(question)}`, text: 'เปิดเรื่อง · Open a ticket' });
    } else {
      say('bot', answer.answer);
    }
  });
});

// Upload fields in Thai: show the chosen file's name (the browser's own text would be in the browser's language).
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('.file-picker .file-input').forEach((input) => {
    const picker = input.closest('.file-picker');
    const name = picker.querySelector('.file-name');
    input.addEventListener('change', () => {
      const files = [...input.files].map((file) => file.name);
      name.textContent = files.length ? files.join(', ') : name.dataset.none;
      picker.classList.toggle('chosen', files.length > 0);
    });
  });
});

// Passkeys (WebAuthn): the browser's ceremonies, verified by the server (Spring Security's relying party). The
// server's options use base64url for binary fields, as the WebAuthn JSON forms do.
const passkeyBytes = {
  decode(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0)).buffer;
  },
  encode(buffer) {
    let binary = '';
    new Uint8Array(buffer).forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
};

function passkeyCredentialJson(credential) {
  const response = credential.response;
  const json = { id: credential.id, rawId: passkeyBytes.encode(credential.rawId), type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(), response: {
      clientDataJSON: passkeyBytes.encode(response.clientDataJSON) } };
  if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
  if (response.attestationObject) {
    json.response.attestationObject = passkeyBytes.encode(response.attestationObject);
    json.response.transports = response.getTransports ? response.getTransports() : [];
  } else {
    json.response.authenticatorData = passkeyBytes.encode(response.authenticatorData);
    json.response.signature = passkeyBytes.encode(response.signature);
    if (response.userHandle) json.response.userHandle = passkeyBytes.encode(response.userHandle);
  }
  return JSON.stringify(json);
}

async function passkeyPost(url, form) {
  const response = await fetch(url, { method: 'POST', body: new FormData(form),
    headers: { Accept: 'application/json' } });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, answer };
}

function passkeySay(form, text) {
  let status = form.parentElement.querySelector('[role=alert].passkey-problem');
  if (!status) {
    status = document.createElement('div');
    status.className = 'alert error passkey-problem';
    status.setAttribute('role', 'alert');
    form.before(status);
  }
  status.textContent = text;
}

document.addEventListener('DOMContentLoaded', () => {
  const register = document.querySelector('form[data-passkey-register]');
  if (register) {
    register.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!window.PublicKeyCredential) { passkeySay(register, register.dataset.unsupported); return; }
      if (!register.reportValidity()) return;
      try {
        const options = await passkeyPost(register.dataset.options, register);
        if (!options.ok) { passkeySay(register, options.answer.detail || register.dataset.refused); return; }
        const publicKey = options.answer;
        publicKey.challenge = passkeyBytes.decode(publicKey.challenge);
        publicKey.user.id = passkeyBytes.decode(publicKey.user.id);
        (publicKey.excludeCredentials || []).forEach((c) => { c.id = passkeyBytes.decode(c.id); });
        const credential = await navigator.credentials.create({ publicKey });
        register.elements.credential.value = passkeyCredentialJson(credential);
        const done = await passkeyPost(register.action, register);
        if (done.ok && done.answer.next) { window.location.assign(done.answer.next); return; }
        passkeySay(register, done.answer.detail || register.dataset.refused);
      } catch (error) {
        passkeySay(register, `${register.dataset.refused} (${error.name})`);
      }
    });
  }
  const signIn = document.querySelector('form[data-passkey-signin]');
  if (signIn) {
    signIn.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!window.PublicKeyCredential) { passkeySay(signIn, signIn.dataset.unsupported); return; }
      try {
        const options = await passkeyPost(signIn.dataset.options, signIn);
        if (!options.ok) { passkeySay(signIn, signIn.dataset.refused); return; }
        const publicKey = options.answer;
        publicKey.challenge = passkeyBytes.decode(publicKey.challenge);
        (publicKey.allowCredentials || []).forEach((c) => { c.id = passkeyBytes.decode(c.id); });
        const credential = await navigator.credentials.get({ publicKey });
        signIn.elements.credential.value = passkeyCredentialJson(credential);
        const done = await passkeyPost(signIn.action, signIn);
        if (done.ok && done.answer.next) { window.location.assign(done.answer.next); return; }
        passkeySay(signIn, done.answer.detail || signIn.dataset.refused);
      } catch (error) {
        passkeySay(signIn, `${signIn.dataset.refused} (${error.name})`);
      }
    });
  }
});

// A date field shows its date as Thai people write it, in the Buddhist era ("7 ธันวาคม 2569"), beside the
// browser's own widget, whose order and era follow the computer's settings (issue 18).
const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม',
  'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

function spokenDate(value, thai) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  if (!parts) return '';
  const year = Number(parts[1]);
  const month = Number(parts[2]) - 1;
  const day = Number(parts[3]);
  return thai ? `${day} ${THAI_MONTHS[month]} ${year + 543}` : `${day} ${ENGLISH_MONTHS[month]} ${year}`;
}

document.addEventListener('DOMContentLoaded', () => {
  const thai = (document.documentElement.lang || 'th').startsWith('th');
  document.querySelectorAll('input[type=date]').forEach((input, index) => {
    const shown = document.createElement('span');
    shown.className = 'date-spoken small';
    shown.id = input.id ? `${input.id}-spoken` : `date-spoken-${index}`;
    shown.setAttribute('aria-live', 'polite');
    input.after(shown);
    const described = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    input.setAttribute('aria-describedby', [...described, shown.id].join(' '));
    const update = () => { shown.textContent = spokenDate(input.value, thai); };
    input.addEventListener('input', update);
    input.addEventListener('change', update);
    update();
  });
});

// WCAG 2.2.1: two minutes before the idle limit ends the session, say so and let the person go on working.
document.addEventListener('DOMContentLoaded', () => {
  const warning = document.getElementById('session-warning');
  if (!warning) return;
  const idle = /^(\d+)\s*(s|m|h)?$/i.exec((document.getElementById('session-idle') || {}).textContent || '');
  if (!idle) return;
  const unit = { s: 1, m: 60, h: 3600 }[(idle[2] || 's').toLowerCase()];
  const idleMs = Number(idle[1]) * unit * 1000;
  const noticeMs = Math.min(120000, idleMs / 2);
  let warnTimer;
  let endTimer;
  const arm = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => {
      warning.hidden = false;
      document.getElementById('session-continue').focus();
    }, idleMs - noticeMs);
    endTimer = setTimeout(() => { window.location.assign(warning.dataset.ended); }, idleMs);
  };
  document.getElementById('session-continue').addEventListener('click', async () => {
    const answer = await fetch(warning.dataset.ping, { headers: { Accept: 'application/json' } }).catch(() => null);
    if (!answer || !answer.ok) { window.location.assign(warning.dataset.ended); return; }
    warning.hidden = true;
    arm();
  });
  arm();
});
