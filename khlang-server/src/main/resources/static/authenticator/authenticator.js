// Khlang web authenticator: a Soft Token in the browser, speaking protocol v1 (docs/softtoken-protocol.md).
// The P-256 private key is generated here as a non-extractable WebCrypto key and kept in IndexedDB; it signs
// device proofs and decisions and never leaves this browser. The PIN gates its use on this device (PBKDF2 hash,
// compared locally): it protects against someone picking up the unlocked phone, not against malware on it.
'use strict';

const DB_NAME = 'khlang-authenticator';
const STORE = 'device';
const PROOF_TYPE = 'khlang-device-proof+jwt';
const DECISION_TYPE = 'khlang-decision+jwt';
const PIN_ITERATIONS = 200000;
const MAX_PIN_TRIES = 5;
const POLL_MS = 2500;

const state = { device: null, unlocked: false, tries: 0, poller: null, ticker: null };

// ---------- storage ----------

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function load() {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const request = db.transaction(STORE).objectStore(STORE).get('current');
    request.onsuccess = () => resolve(request.result || null);
    request.onerror = () => reject(request.error);
  });
}

async function save(device) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, 'readwrite');
    transaction.objectStore(STORE).put(device, 'current');
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
}

// ---------- encoding and JOSE ----------

const encoder = new TextEncoder();

function base64url(bytes) {
  let binary = '';
  new Uint8Array(bytes).forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64(text) {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// A compact JWS, ES256: WebCrypto's ECDSA signature is already the raw r||s that JWS wants.
async function jws(privateKey, header, payload) {
  const input = `${base64url(encoder.encode(JSON.stringify(header)))}.${base64url(encoder.encode(JSON.stringify(payload)))}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, encoder.encode(input));
  return `${input}.${base64url(signature)}`;
}

function now() {
  return Math.floor(Date.now() / 1000);
}

async function proof(method, url, keyHeader, privateKey) {
  return jws(privateKey, { alg: 'ES256', typ: PROOF_TYPE, ...keyHeader },
    { htm: method, htu: url, iat: now(), jti: crypto.randomUUID() });
}

// ---------- PIN ----------

async function pinHash(pin, salt) {
  const material = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PIN_ITERATIONS },
    material, 256);
  return new Uint8Array(bits);
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i] ^ b[i];
  return difference === 0;
}

// ---------- device API ----------

async function call(method, path, body) {
  const url = new URL(path, window.location.origin).toString();
  const headers = { 'Khlang-Device-Proof': await proof(method, url, { kid: state.device.deviceId }, state.device.privateKey) };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const answer = await response.json().catch(() => ({}));
  return { status: response.status, answer };
}

async function decide(request, decision, number) {
  const claims = { rid: request.id, nonce: request.nonce, decision, iat: now() };
  if (number !== null && number !== undefined) claims.number = number;
  if (request.contentSha256) claims.sha256 = request.contentSha256; // an approval signs the content it shows
  const signature = await jws(state.device.privateKey,
    { alg: 'ES256', typ: DECISION_TYPE, kid: state.device.deviceId }, claims);
  return call('POST', `/api/v1/device/requests/${encodeURIComponent(request.id)}/decision`, { signature });
}

// ---------- offline code (RFC 6238: HMAC-SHA1, 30 s, 6 digits) ----------

async function offlineCode() {
  const counter = new ArrayBuffer(8);
  new DataView(counter).setUint32(4, Math.floor(Date.now() / 30000));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', state.device.totpKey, counter));
  const offset = mac[mac.length - 1] & 0x0f;
  const value = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(value % 1000000).padStart(6, '0');
}

// ---------- screens ----------

const $ = (id) => document.getElementById(id);

function say(text, kind) {
  const message = $('message');
  message.textContent = text || '';
  message.className = `message ${kind || ''}`;
}

function show(section) {
  ['setup', 'locked', 'ready'].forEach((id) => { $(id).hidden = id !== section; });
}

async function activate() {
  const code = $('code').value.trim();
  const name = $('device-name').value.trim() || 'Soft Token';
  const pin = $('pin').value;
  if (!/^[0-9]{6,12}$/.test(pin)) { say('PIN ต้องเป็นตัวเลข 6-12 หลัก · PIN must be 6-12 digits', 'error'); return; }
  if (pin !== $('pin2').value) { say('PIN ทั้งสองช่องไม่ตรงกัน · The PINs differ', 'error'); return; }
  if (!code) { say('กรอกรหัสเปิดใช้งาน · Enter the activation code', 'error'); return; }
  $('activate').disabled = true;
  try {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    const url = new URL('/api/v1/device/activations', window.location.origin).toString();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Khlang-Device-Proof': await proof('POST', url, { jwk: publicJwk }, pair.privateKey) },
      body: JSON.stringify({ code, deviceName: name }),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status !== 201) { say(answer.message_th || answer.detail || `HTTP ${response.status}`, 'error'); return; }
    const totpKey = await crypto.subtle.importKey('raw', fromBase64(answer.totpSecret), { name: 'HMAC', hash: 'SHA-1' },
      false, ['sign']);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    state.device = { deviceId: answer.deviceId, name, privateKey: pair.privateKey, publicJwk, totpKey, salt,
      pinHash: await pinHash(pin, salt) };
    await save(state.device);
    state.unlocked = true;
    const first = await decide(answer.firstRequest, 'APPROVE', null);
    if (first.status === 200 && first.answer.state === 'APPROVED') {
      say('ผูกโทรศัพท์เรียบร้อย · This phone is now your Soft Token', 'ok');
      window.location.hash = '';
      await ready();
    } else {
      say(first.answer.message_th || 'การยืนยันครั้งแรกไม่สำเร็จ · The first approval failed', 'error');
    }
  } catch (error) {
    say(`ผิดพลาด · Error: ${error.message}`, 'error');
  } finally {
    $('activate').disabled = false;
  }
}

async function unlock() {
  if (state.tries >= MAX_PIN_TRIES) { say('ใส่ PIN ผิดหลายครั้ง โปรดรอ 30 วินาที · Too many tries: wait 30 s', 'error'); return; }
  const hash = await pinHash($('unlock-pin').value, state.device.salt);
  $('unlock-pin').value = '';
  if (!sameBytes(hash, state.device.pinHash)) {
    state.tries += 1;
    if (state.tries >= MAX_PIN_TRIES) window.setTimeout(() => { state.tries = 0; }, 30000);
    say('PIN ไม่ถูกต้อง · Wrong PIN', 'error');
    return;
  }
  state.tries = 0;
  state.unlocked = true;
  say('');
  await ready();
}

function lock() {
  state.unlocked = false;
  window.clearInterval(state.poller);
  window.clearInterval(state.ticker);
  show('locked');
}

async function ready() {
  show('ready');
  const status = await call('GET', '/api/v1/device/status');
  if (status.status !== 200) {
    say(status.answer.message_th || 'อุปกรณ์นี้ใช้งานไม่ได้ · This device cannot be used', 'error');
    return;
  }
  $('who').textContent = `${status.answer.holder} (${status.answer.account}) · ${status.answer.name} · ${deviceState(status.answer.state)}`;
  $('who').dataset.state = status.answer.state;
  await refresh();
  window.clearInterval(state.poller);
  state.poller = window.setInterval(refresh, POLL_MS);
  const tick = async () => { $('offline-code').textContent = await offlineCode(); };
  await tick();
  window.clearInterval(state.ticker);
  state.ticker = window.setInterval(tick, 5000);
}

async function refresh() {
  if (!state.unlocked) return;
  const { status, answer } = await call('GET', '/api/v1/device/requests');
  if (status !== 200) { say(answer.message_th || `HTTP ${status}`, 'error'); return; }
  const list = $('requests');
  const shown = new Set([...list.children].map((element) => element.dataset.id));
  const current = new Set(answer.requests.map((request) => request.id));
  [...list.children].forEach((element) => { if (!current.has(element.dataset.id)) element.remove(); });
  answer.requests.filter((request) => !shown.has(request.id)).forEach((request) => list.append(render(request)));
  $('no-requests').hidden = answer.requests.length > 0;
}

function render(request) {
  const element = $('request-template').content.firstElementChild.cloneNode(true);
  const display = request.display || {};
  element.dataset.id = request.id;
  const title = element.querySelector('.title');
  title.textContent = display.th || KINDS[request.kind] || 'คำขอ';
  if (display.en) {
    const english = document.createElement('span');
    english.className = 'en';
    english.textContent = display.en;
    title.append(english);
  }
  element.querySelector('.account').textContent = `${display.name || ''} (${display.account || ''})`;
  // Where a sign-in comes from; an approval is asked by Khlang itself, so the line says so instead of a dash.
  // The browser is named as a person would say it ("Chrome 156 บน Windows"); the full text stays in the title.
  const where = element.querySelector('.where');
  where.textContent = [display.ip ? `IP ${display.ip}` : '', browserName(display.browser)].filter(Boolean)
    .join(' · ') || (request.kind === 'LOGIN' ? 'ไม่ทราบที่อยู่ของเครื่อง · Address unknown' : 'ระบบคลัง · Khlang itself');
  if (display.browser) where.title = display.browser;
  // An approval shows what is signed: document, amount in figures and Thai words, payee and masked account.
  // The money first and largest: the amount, then who is paid (issue 18: the largest things on the screen).
  [['.amount', display.amount], ['.payee', display.payee]].forEach(([selector, text]) => {
    const line = element.querySelector(selector);
    if (text) { line.textContent = text; line.hidden = false; }
  });
  const detail = element.querySelector('.detail');
  if (display.detail_th) {
    detail.textContent = display.detail_th;
    detail.hidden = false;
  }
  element.querySelector('.expires').textContent = thaiDateTime(request.expiresAt);
  const number = element.querySelector('.number');
  element.querySelector('.number-label').hidden = !request.numberRequired;
  const view = element.querySelector('.scan-view');
  let stopScan = null;
  const endScan = () => { if (stopScan) stopScan(); stopScan = null; view.hidden = true; view.replaceChildren(); };
  element.querySelector('.scan').addEventListener('click', async () => {
    if (stopScan) { endScan(); return; }
    view.hidden = false;
    try {
      stopScan = await scanQr(view, (text) => {
        const found = signInQr(text);
        if (!found) { say('คิวอาร์โค้ดนี้ไม่ใช่ของการเข้าสู่ระบบคลัง · Not a Khlang sign-in QR code', 'error'); return false; }
        if (found.requestId !== request.id) {
          say('คิวอาร์โค้ดนี้เป็นของคำขออื่น · This QR code belongs to another request', 'error');
          return false;
        }
        number.value = `${found.number.slice(0, 3)} ${found.number.slice(3)}`;
        window.setTimeout(endScan, 0);
        say('อ่านตัวเลขแล้ว ตรวจสอบรายละเอียดแล้วกดอนุมัติ · Number read: check and approve', 'ok');
        element.querySelector('.approve').focus();
        return true;
      });
    } catch (error) {
      endScan();
      say('เปิดกล้องไม่ได้ โปรดกรอกตัวเลขเอง · The camera could not be opened: type the number', 'error');
    }
  });
  element.querySelector('.approve').addEventListener('click', async () => {
    const digits = number.value.replace(/[\s\u00a0-]/g, '');
    if (request.numberRequired && !/^[0-9]{6}$/.test(digits)) {
      say('กรอกตัวเลข 6 หลักที่แสดงบนหน้าจอคอมพิวเตอร์ · Enter the 6 digits shown on the computer', 'error');
      number.focus();
      return;
    }
    endScan();
    const result = await decide(request, 'APPROVE', request.numberRequired ? Number(digits) : null);
    element.remove();
    if (result.status === 200 && result.answer.state === 'APPROVED') say('อนุมัติแล้ว · Approved', 'ok');
    else say(result.answer.code === 'request.wrongNumber'
      ? 'ตัวเลขไม่ตรง คำขอถูกยกเลิก โปรดเข้าสู่ระบบใหม่ · Wrong number: request ended, sign in again'
      : (result.answer.message_th || 'ไม่สำเร็จ · Not accepted'), 'error');
  });
  element.querySelector('.deny').addEventListener('click', async () => {
    endScan();
    await decide(request, 'DENY', null);
    element.remove();
    say('ปฏิเสธแล้ว หากไม่ใช่ท่าน โปรดโทร 0 2032 2636 · Denied', 'ok');
  });
  // "This wasn't me" (issue 20): asked once more, then signed like any decision.
  const notMe = element.querySelector('.not-me-confirm');
  element.querySelector('.not-me').addEventListener('click', () => {
    notMe.hidden = false;
    element.querySelector('.not-me-yes').focus();
  });
  element.querySelector('.not-me-yes').addEventListener('click', async () => {
    endScan();
    const result = await decide(request, 'NOT_ME', null);
    element.remove();
    if (result.status === 200 && result.answer.code === 'request.notMe') {
      say('แจ้งแล้วว่าไม่ใช่ท่าน ระบบปฏิเสธคำขอและแจ้งหัวหน้าส่วนราชการกับ Contact Center แล้ว'
        + ' เข้าสู่ระบบครั้งถัดไปต้องเปลี่ยนรหัสผ่าน · Reported: denied; your head and the Contact Center are told;'
        + ' choose a new password at your next sign-in', 'ok');
    } else say(result.answer.message_th || 'ไม่สำเร็จ · Not accepted', 'error');
  });
  return element;
}

// ---------- Thai text ----------

const KINDS = { LOGIN: 'เข้าสู่ระบบคลัง', ACTIVATION: 'ยืนยันการผูกโทรศัพท์', APPROVAL: 'คำขออนุมัติ' };
const STATES = { ACTIVE: 'ใช้งานได้', PENDING: 'รอยืนยันการผูก', SUSPENDED: 'ถูกระงับ', REVOKED: 'ยกเลิกแล้ว' };

function deviceState(code) {
  return STATES[code] || 'ไม่ทราบสถานะ';
}

// Khlang's dates: Buddhist era, Thai month, Bangkok time, whatever the phone's own settings ("7 ธ.ค. 2569 19:15:18 น.").
function thaiDateTime(iso) {
  const at = new Date(iso);
  const date = at.toLocaleDateString('th-TH-u-ca-buddhist', { timeZone: 'Asia/Bangkok', day: 'numeric',
    month: 'short', year: 'numeric' });
  const time = at.toLocaleTimeString('th-TH', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hour12: false });
  return `${date} ${time} น.`;
}

// ---------- the sign-in QR code ----------

// What the sign-in page's QR code says: its request and the six digits (docs/softtoken-protocol.md).
function signInQr(text) {
  const match = /^khlang:signin\?r=([0-9a-f-]{36})&n=([0-9]{6})$/.exec(String(text || '').trim());
  return match ? { requestId: match[1], number: match[2] } : null;
}

// Opens the camera in `view` and hands every decoded QR text to `onText` until it answers true; returns a stop
// function. The browser's own BarcodeDetector where it reads QR codes, otherwise the html5-qrcode library (served
// from its Maven webjar under /authenticator/lib/, loaded only when needed).
async function scanQr(view, onText) {
  if ('BarcodeDetector' in window) {
    const formats = await window.BarcodeDetector.getSupportedFormats().catch(() => []);
    if (formats.includes('qr_code')) return scanWithDetector(view, onText);
  }
  return scanWithLibrary(view, onText);
}

async function scanWithDetector(view, onText) {
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  view.append(video);
  await video.play();
  let stopped = false;
  const stop = () => { stopped = true; stream.getTracks().forEach((track) => track.stop()); video.remove(); };
  const look = async () => {
    if (stopped) return;
    const codes = await detector.detect(video).catch(() => []);
    if (codes.some((code) => onText(code.rawValue))) { stop(); return; }
    window.setTimeout(look, 200);
  };
  look();
  return stop;
}

function loadLibrary() {
  if (window.Html5Qrcode) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'lib/html5-qrcode.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('html5-qrcode did not load'));
    document.head.append(script);
  });
}

async function scanWithLibrary(view, onText) {
  await loadLibrary();
  view.id = view.id || `scan-${crypto.randomUUID()}`;
  const scanner = new window.Html5Qrcode(view.id,
    { formatsToSupport: [window.Html5QrcodeSupportedFormats.QR_CODE], verbose: false });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    scanner.stop().then(() => scanner.clear()).catch(() => {});
  };
  await scanner.start({ facingMode: 'environment' }, { fps: 8 }, (text) => { if (onText(text)) stop(); }, () => {});
  return stop;
}

async function start() {
  $('activate').addEventListener('click', activate);
  $('unlock').addEventListener('click', unlock);
  $('unlock-pin').addEventListener('keydown', (event) => { if (event.key === 'Enter') unlock(); });
  $('lock').addEventListener('click', lock);
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('code');
  if (fromLink) $('code').value = fromLink;
  if (!window.crypto || !crypto.subtle || !window.indexedDB) {
    say('เบราว์เซอร์นี้ไม่รองรับ (ต้องใช้ HTTPS หรือ localhost) · This browser cannot hold a Soft Token here', 'error');
    return;
  }
  state.device = await load();
  show(state.device && !fromLink ? 'locked' : 'setup');
}

document.addEventListener('DOMContentLoaded', start);

// "Chrome 156 บน Windows" from a browser's User-Agent; the text itself when it names no browser Khlang knows.
function browserName(agent) {
  if (!agent) return '';
  const browsers = [[/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'], [/(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/, 'Chrome'],
    [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'], [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, 'Safari']];
  const systems = [[/Windows/, 'Windows'], [/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'],
    [/CrOS/, 'ChromeOS'], [/Mac OS X/, 'macOS'], [/Linux/, 'Linux']];
  const browser = browsers.map(([pattern, name]) => [pattern.exec(agent), name]).find(([found]) => found);
  const system = systems.find(([pattern]) => pattern.test(agent));
  if (!browser) return agent.length > 60 ? `${agent.slice(0, 60)}…` : agent;
  return `${browser[1]} ${browser[0][1]}${system ? ` บน ${system[1]}` : ''}`;
}
