/*
 * Infor M3 sync monitoring page. Plain JavaScript, no framework.
 * Reads the JSON actions of admin.php?target=infor_sync_status (Core\MonitorApi):
 *   GET action=status, event; POST action=retry, discard, release, discard_held, clear_error, push_config.
 * The POSTs carry X-Cart's form id (the page form's hidden xcart_form_id) and take the next one from
 * the answer; X-Cart's TopMessages of an answer (event-messages header) are shown in the alerts.
 */
(function () {
  'use strict';

  var REFRESH_MS = 15000;

  function init() {
    var root = document.getElementById('infor-sync-monitor');
    if (!root || root.getAttribute('data-infor-ready')) {
      return;
    }
    root.setAttribute('data-infor-ready', '1');
    var monitor = new Monitor(root);
    monitor.load();
    setInterval(function () { if (!document.hidden) { monitor.load(); } }, REFRESH_MS);
  }

  function Monitor(root) {
    this.root = root;
    this.endpoint = root.getAttribute('data-endpoint') || 'admin.php?target=infor_sync_status';
    this.posting = Promise.resolve();
    var self = this;
    root.addEventListener('click', function (ev) {
      var el = ev.target.closest ? ev.target.closest('[data-infor-action]') : null;
      if (el && root.contains(el)) {
        ev.preventDefault();
        self.act(el.getAttribute('data-infor-action'), el.getAttribute('data-id'), el);
      }
    });
  }

  /*
   * X-Cart's form id: the hidden xcart_form_id field of the page's form. In X-Cart's per-form CSRF
   * mode a form id serves one POST (AController::isFormIdValid()); the answer to an AJAX request
   * names the next one in its event-update-csrf header, as X-Cart's own forms read it
   * (xcart.form.js tryRestoreCSRFToken(), xcart.js onXhrSuccess()).
   */
  Monitor.prototype.formIdInput = function () {
    return this.root.querySelector('form input[type=hidden][name="xcart_form_id"]');
  };

  Monitor.prototype.takeNewFormId = function (res) {
    var header = res.headers.get('event-update-csrf');
    var input = this.formIdInput();
    if (!header || !input) { return; }
    var update;
    try { update = JSON.parse(header); } catch (e) { return; }
    if (update.name !== 'xcart_form_id' || !update.value) { return; }
    if (window.xliteConfig && window.xliteConfig.form_id === update.old) { window.xliteConfig.form_id = update.value; }
    input.value = update.value;
  };

  /* X-Cart's TopMessages of an AJAX answer (its event-messages header) */
  Monitor.prototype.showMessages = function (res) {
    var header = res.headers.get('event-messages');
    var list = [];
    try { list = header ? JSON.parse(header) : []; } catch (e) { list = []; }
    for (var i = 0; i < list.length; i++) {
      this.flash(list[i].message, list[i].type === 'error' || list[i].type === 'warning');
    }
  };

  Monitor.prototype.url = function (action, params) {
    var parts = [this.endpoint, (this.endpoint.indexOf('?') >= 0 ? '&' : '?'), 'action=', encodeURIComponent(action)];
    for (var i = 0; i < params.length; i++) {
      parts.push('&', encodeURIComponent(params[i][0]), '=', encodeURIComponent(params[i][1]));
    }
    return parts.join('');
  };

  /*
   * GET status/event need no form id; a POST carries the current one. POSTs go one after the other,
   * so that each uses the form id the previous answer gave.
   */
  Monitor.prototype.request = function (method, action, params) {
    var self = this;
    if (method !== 'POST') {
      return this.send(this.url(action, params || []), { method: 'GET' });
    }
    var run = function () {
      var body = new URLSearchParams();
      var input = self.formIdInput();
      if (input) { body.append(input.name, input.value); }
      (params || []).forEach(function (p) { body.append(p[0], p[1]); });
      body.append('action', action);
      return self.send(self.url(action, []), { method: 'POST', body: body });
    };
    var result = this.posting.then(run, run);
    this.posting = result.catch(function () {});
    return result;
  };

  Monitor.prototype.send = function (url, opts) {
    var self = this;
    opts.credentials = 'same-origin';
    opts.headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    return fetch(url, opts).then(function (res) {
      self.takeNewFormId(res);
      self.showMessages(res);
      return res.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) {
          throw new Error('HTTP ' + res.status + ': not JSON (session expired? reload the page)');
        }
        if (!res.ok && data && data.error) { throw new Error(data.error); }
        return data;
      });
    });
  };

  Monitor.prototype.load = function () {
    var self = this;
    return this.request('GET', 'status', [['limit', '50']]).then(function (data) {
      self.render(data);
    }).catch(function (err) {
      self.setAlerts('<div class="infor-sync-error">' + esc(err.message) + '</div>');
    });
  };

  Monitor.prototype.act = function (action, id, el) {
    var self = this;
    if (action === 'refresh') { return this.load(); }
    if (action === 'show') { return this.show(id); }
    var confirmText = {
      retry: id ? 'Send this dead letter to Infor again?' : 'Send all dead letters to Infor again?',
      discard: 'Delete this dead letter? It will never reach Infor.',
      release: 'Send this held event to Infor as it is?',
      discard_held: 'Delete this held event? It will never reach Infor.'
    }[action];
    if (confirmText && !window.confirm(confirmText)) { return; }
    if (el) { el.disabled = true; }
    var params = id ? [['id', id]] : (action === 'retry' ? [['id', 'all']] : []);
    return this.request('POST', action, params).then(function (data) {
      if (action !== 'push_config') { self.flash(describe(action, data)); } /* its TopMessages are shown */
      return self.load();
    }).catch(function (err) {
      self.flash(err.message, true);
    }).then(function () { if (el) { el.disabled = false; } });
  };

  Monitor.prototype.show = function (id) {
    var self = this;
    var dialog = this.section('dialog');
    this.request('GET', 'event', [['id', id]]).then(function (data) {
      dialog.innerHTML = '<div class="infor-sync-dialog-inner"><button type="button" class="infor-sync-close">&times;</button>'
        + '<h4>' + esc(id) + '</h4><pre>' + esc(JSON.stringify(data.event, null, 2)) + '</pre></div>';
      dialog.hidden = false;
      dialog.querySelector('.infor-sync-close').onclick = function () { dialog.hidden = true; };
    }).catch(function (err) { self.flash(err.message, true); });
  };

  /* a message of an action, shown for 8 s above the alerts (which every refresh redraws) */
  Monitor.prototype.flash = function (text, isError) {
    var box = this.section('alerts');
    var div = document.createElement('div');
    div.className = 'infor-sync-flash ' + (isError ? 'infor-sync-error' : 'infor-sync-info');
    div.textContent = text;
    box.insertBefore(div, box.firstChild);
    setTimeout(function () { if (div.parentNode) { div.parentNode.removeChild(div); } }, 8000);
  };

  Monitor.prototype.setAlerts = function (html) {
    var box = this.section('alerts');
    var flashes = Array.prototype.slice.call(box.querySelectorAll('.infor-sync-flash'));
    box.innerHTML = html;
    for (var i = flashes.length - 1; i >= 0; i--) { box.insertBefore(flashes[i], box.firstChild); }
  };

  Monitor.prototype.section = function (name) {
    return this.root.querySelector('[data-infor-section="' + name + '"]') || document.createElement('div');
  };

  Monitor.prototype.render = function (data) {
    var st = data.status || {};
    var sum = data.summary || {};
    var ext = data.extension || {};
    var upd = this.root.querySelector('[data-infor-field="updated"]');
    if (upd) { upd.textContent = 'updated ' + new Date().toLocaleTimeString(); }

    var alerts = [];
    if (!ext.loaded) {
      alerts.push('<div class="infor-sync-error">The infor_sync extension is not loaded in this PHP process.</div>');
    }
    (ext.missing || []).forEach(function (m) { if (ext.loaded) { alerts.push('<div class="infor-sync-warning">' + esc(m) + '</div>'); } });
    (sum.alerts || []).forEach(function (m) { alerts.push('<div class="infor-sync-warning">' + esc(m) + '</div>'); });
    Object.keys(data.errors || {}).forEach(function (k) {
      alerts.push('<div class="infor-sync-error">' + esc(k) + ': ' + esc(data.errors[k]) + '</div>');
    });
    this.setAlerts(alerts.join(''));

    if (!ext.loaded) {
      this.section('overview').innerHTML = '<p>Nothing to show: see php.ini above.</p>';
      this.section('deliveries').innerHTML = '';
      this.section('dead').innerHTML = '';
      this.section('held').innerHTML = '';
      this.section('inbound').innerHTML = '';
      this.renderModule(data.module || {});
      return;
    }

    var w = st.worker || {};
    var sp = st.spool || {};
    var c = st.counters || {};
    var rate = (st.anomalies || {}).error_rate || {};
    var cred = st.credentials || {};
    var tok = st.token || {};
    this.section('overview').innerHTML =
      '<div class="infor-sync-cards">'
      + card('Worker', w.running ? 'running' : 'not running here', 'mode ' + esc(w.mode) + ', pid ' + esc(w.pid))
      + card('Leader', w.leader_pid ? 'pid ' + esc(w.leader_pid) : 'none', w.leader ? 'this process delivers' : (w.leader_pid ? 'another process delivers' : 'no process delivers'), !w.leader_pid && sum.waiting > 0)
      + card('Waiting', num(sum.waiting), 'ready ' + num(sp.ready) + ' · active ' + num(sp.active) + ' · deferred ' + num(sp.deferred))
      + card('Dead letters', num(sp.dead), 'corrupt ' + num(sp.corrupt), sp.dead > 0)
      + card('Held', num(sp.held), 'anomaly hold ' + ((st.anomalies || {}).hold ? 'on' : 'off'), sp.held > 0)
      + card('Delivered', num(c.delivered), 'retried ' + num(c.retried) + ' · dead ' + num(c.dead) + ' · done kept ' + num(sp.done))
      + card('Error rate', pct(rate.short), 'last ' + num(rate.short_attempts) + ' attempts; before: ' + pct(rate.long), !!rate.rising)
      + card('From Infor', num(sp.inbound), 'events waiting for the shop')
      + card('Credentials', cred.ok ? 'ok' : 'problem', esc(cred.error || cred.file || ''), cred.ok === false)
      + card('Token', tok.valid ? 'valid' : 'none', tok.expires_at ? 'until ' + when(tok.expires_at) : '')
      + '</div>'
      + (st.last_error ? '<p class="infor-sync-last-error"><b>Last error</b> ' + when(st.last_error.at) + ' '
        + esc(st.last_error.event_id || '') + ': ' + esc(st.last_error.message) + '</p>' : '')
      + (st.config_error ? '<p class="infor-sync-error">Business settings: ' + esc(typeof st.config_error === 'string' ? st.config_error : JSON.stringify(st.config_error)) + '</p>' : '');

    var rows = (st.last_deliveries || []).map(function (d) {
      var inf = d.infor || {};
      return [when(d.at), esc(d.type), esc(d.order_number || ''), esc(inf.orno || ''), esc(inf.cuno || ''),
        '<a href="#" data-infor-action="show" data-id="' + esc(d.id) + '">' + esc(d.id) + '</a>'];
    });
    this.section('deliveries').innerHTML = table(['Delivered', 'Type', 'Order', 'Infor order', 'Customer', 'Event'], rows, 'No deliveries yet.');

    rows = (data.dead_letters || []).map(function (d) {
      var ie = d.infor_error || {};
      return [when(d.dead_at), esc(d.type), esc(d.order_number || ''), esc(d.attempts),
        '<div class="infor-sync-reason">' + esc(d.reason || '') + '</div>'
          + (ie.code || ie.field ? '<small>' + esc([ie.program, ie.transaction, ie.code, ie.field].filter(Boolean).join(' · ')) + '</small>' : ''),
        '<a href="#" data-infor-action="show" data-id="' + esc(d.id) + '">details</a> '
          + '<button type="button" class="btn regular-button" data-infor-action="retry" data-id="' + esc(d.id) + '">Retry</button> '
          + '<button type="button" class="btn regular-button" data-infor-action="discard" data-id="' + esc(d.id) + '">Discard</button>'];
    });
    this.section('dead').innerHTML = table(['Dead since', 'Type', 'Order', 'Attempts', 'Infor\'s reason', ''], rows, 'No dead letters.')
      + (rows.length > 1 ? '<p><button type="button" class="btn regular-button" data-infor-action="retry">Retry all</button></p>' : '');

    rows = (data.held || []).map(function (h) {
      var metrics = ((h.anomaly || {}).metrics || []).map(function (m) {
        return esc(m.metric) + ' ' + esc(m.value) + ' (median ' + esc(m.median) + ', limit ' + esc(m.limit) + ')';
      }).join('<br>');
      return [when(h.held_at), esc(h.type), esc(h.order_number || ''), metrics,
        '<a href="#" data-infor-action="show" data-id="' + esc(h.id) + '">details</a> '
          + '<button type="button" class="btn regular-button" data-infor-action="release" data-id="' + esc(h.id) + '">Release</button> '
          + '<button type="button" class="btn regular-button" data-infor-action="discard_held" data-id="' + esc(h.id) + '">Discard</button>'];
    });
    this.section('held').innerHTML = table(['Held since', 'Type', 'Order', 'Why', ''], rows, 'Nothing held.');

    var inbound = data.inbound || {};
    rows = (inbound.events || []).map(function (e) {
      var about = e.about || {};
      var failure = e.failure ? esc(e.failure.reason) + ' (' + num(e.failure.attempts) + ' attempt(s))' : '';
      return [esc(e.created_at || ''), esc(e.type), Object.keys(about).map(function (k) {
        return esc(k) + ' ' + esc(about[k]);
      }).join(', '), failure];
    });
    this.section('inbound').innerHTML = '<p>' + num(inbound.count) + ' event(s) waiting; the cron task '
      + '(<code>php bin/console xcart:cron</code>) applies them every minute.</p>'
      + table(['Written', 'Type', 'About', 'Last attempt failed'], rows, 'Nothing waiting.');

    this.renderModule(data.module || {});
  };

  Monitor.prototype.renderModule = function (mod) {
    var html = '';
    var le = mod.last_error;
    if (le) {
      html += '<p class="infor-sync-warning"><b>Last module error</b> ' + when(le.at) + ' (' + esc(le.where) + ', '
        + num(le.count) + ' so far): ' + esc(le.message)
        + ((le.context || {}).problems ? '<br>' + esc(le.context.problems.join('; ')) : '')
        + ' <button type="button" class="btn regular-button" data-infor-action="clear_error">Clear</button></p>';
    } else {
      html += '<p>No module errors.</p>';
    }
    var t = mod.inbound_task || {};
    var tot = t.totals || {};
    html += '<p>Inbound task: last run ' + (t.last_run ? when(t.last_run) : 'never') + '; applied ' + num(tot.applied)
      + ', unknown SKUs ' + num(tot.unknown_sku) + ', unknown orders ' + num(tot.unknown_order)
      + ', failed ' + num(tot.failed) + '.</p>';
    if ((t.unknown_skus || []).length) {
      html += '<p>SKUs Infor knows and the shop does not: ' + t.unknown_skus.map(esc).join(', ') + '</p>';
    }
    this.section('module').innerHTML = html;
  };

  function describe(action, data) {
    if (action === 'retry') { return (data.retried || 0) + ' dead letter(s) sent again.'; }
    if (action === 'discard' || action === 'discard_held') { return data.discarded ? 'Deleted.' : 'Nothing to delete.'; }
    if (action === 'release') { return data.released ? 'Released.' : 'Not held any more.'; }
    return 'Done.';
  }

  function card(title, value, sub, bad) {
    return '<div class="infor-sync-card' + (bad ? ' infor-sync-bad' : '') + '"><div class="infor-sync-card-title">'
      + esc(title) + '</div><div class="infor-sync-card-value">' + value + '</div><div class="infor-sync-card-sub">'
      + sub + '</div></div>';
  }

  function table(head, rows, empty) {
    if (!rows.length) { return '<p class="infor-sync-empty">' + esc(empty) + '</p>'; }
    return '<table class="infor-sync-table"><thead><tr>' + head.map(function (h) { return '<th>' + esc(h) + '</th>'; }).join('')
      + '</tr></thead><tbody>' + rows.map(function (r) {
        return '<tr>' + r.map(function (c) { return '<td>' + c + '</td>'; }).join('') + '</tr>';
      }).join('') + '</tbody></table>';
  }

  function when(t) {
    if (t === null || t === undefined || t === '') { return ''; }
    var n = Number(t);
    if (isNaN(n)) { return esc(t); }
    if (n < 1e12) { n *= 1000; } /* seconds or milliseconds */
    return esc(new Date(n).toLocaleString());
  }

  function num(v) { return v === null || v === undefined ? '–' : esc(v); }
  function pct(v) { return v === null || v === undefined ? '–' : (Math.round(Number(v) * 1000) / 10) + '%'; }

  function esc(v) {
    return String(v === null || v === undefined ? '' : v).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
  /* X-Cart's admin may load the page body by AJAX */
  document.addEventListener('readystatechange', init);
  window.InforSyncMonitorInit = init;
})();
