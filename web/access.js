// Digit Lab for screen readers and keyboards. Dear ImGui draws the whole app into one
// canvas and gives no accessibility tree of its own (ocornut/imgui#4122), so this keeps a
// DOM layer beside it (index.html, <main id="access">) in step with the app:
//   - a role="status" live region that announces the prediction as the drawing changes
//     ("predicted 7, softmax 98%") and training (started, every 10%, finished);
//   - the current panel's heading and text, and what it shows now;
//   - on Evaluate, the confusion matrix, the per-class scores and the calibration
//     figures (ECE, log-loss, the temperature T) as real tables;
//   - the lesson's step with Back and Next as real buttons, and "Use a test digit";
//   - keyboard shortcuts, listed in the help line (#help-line).
// It reads window.digitlab.access() (src/app/shell/access_json.cpp) a few times a second
// and touches the DOM only when that changes, so it costs little.
'use strict';

(function () {
  const POLL_MS = 200;
  const PREDICTION_PAUSE_MS = 800;   // the prediction is announced at most this often

  const $ = (id) => document.getElementById(id);
  const live = $('announce');
  const panelTitle = $('access-panel-title');
  const panelText = $('access-panel-text');
  const panelState = $('access-panel-state');
  const testDigitButton = $('access-test-digit');
  const copyLinkButton = $('access-copy-link');
  const copyEmbedButton = $('access-copy-embed');
  const tables = $('access-tables');
  const lessonNav = $('access-lesson');
  const lessonStepText = $('access-lesson-step');
  const lessonStart = $('access-lesson-start');
  const lessonBack = $('access-lesson-back');
  const lessonNext = $('access-lesson-next');
  const lessonLeave = $('access-lesson-leave');

  const percent = (x, digits = 0) => (100 * x).toFixed(digits) + '%';

  // [SECTION] The live region

  let lastSpoken = '';
  let pendingPrediction = null;
  let predictionTimer = null;

  function say(text) {
    if (!text || text === lastSpoken) return;
    lastSpoken = text;
    live.textContent = text;
  }

  function predictionText(a) {
    if (a.prediction === null) return a.model ? 'nothing predicted: the canvas is empty' : '';
    const name = (k) => (a.class_names ? a.class_names[k] : String(k));
    let text = 'predicted ' + name(a.prediction) + ', ' + (a.probability_name || 'softmax') + ' ' +
               percent(a.probability === undefined ? a.softmax : a.probability);
    if (a.test_digit) text += ' (test ' + (a.item || 'digit') + ' ' + a.test_digit.index + ', labelled ' + name(a.test_digit.label) + ')';
    return text;
  }

  // While a stroke grows the prediction changes every frame; the latest is spoken after a
  // short pause, so the listener hears where it settles rather than every step.
  function announcePrediction(text) {
    pendingPrediction = text;
    if (predictionTimer) return;
    predictionTimer = setTimeout(() => {
      predictionTimer = null;
      say(pendingPrediction);
    }, PREDICTION_PAUSE_MS);
  }

  function trainingText(before, now) {
    const wasRunning = Boolean(before && before.running);
    if (now.running && !wasRunning) return 'training started' + (now.digits ? ' on ' + now.digits + ' digits' : '');
    if (now.running) {
      const tenth = Math.floor((now.progress || 0) * 10);
      const previous = Math.floor(((before && before.progress) || 0) * 10);
      return tenth > previous && tenth < 10 ? 'training ' + tenth * 10 + '%' : '';
    }
    if (!wasRunning) return '';
    if (now.status === 'failed') return 'training failed: ' + (now.message || '');
    return 'training finished (' + now.status + ') after ' + now.iteration + ' iterations' +
           (now.accuracy !== null ? ', accuracy on the validation digits ' + percent(now.accuracy, 1) +
                                    ' after pass ' + now.accuracy_pass : '');
  }

  // [SECTION] The panel: heading, text, what it shows now

  function panelStateText(a) {
    switch (a.panel) {
      case 'draw':
        if (!a.model) return 'The model is loading.';
        return a.prediction === null ? 'Nothing predicted: the canvas is empty.' : 'Now ' + predictionText(a) + '.';
      case 'train': {
        const t = a.training;
        if (t.running) return 'Training: ' + percent(t.progress || 0) + ', iteration ' + t.iteration + '.';
        if (t.status) return 'Last training: ' + t.status + (t.accuracy !== null ? ', accuracy on the validation digits ' + percent(t.accuracy, 1) : '') + '.' +
                             (t.rule_text ? ' ' + t.rule_text : '');
        return 'Not trained yet.';
      }
      case 'evaluate':
        return a.evaluation ? 'Accuracy ' + percent(a.evaluation.accuracy, 2) + ' on ' + a.evaluation.total + ' test digits.' +
                              comparisonText(a.evaluation)
                            : 'Waiting for the model to be evaluated on the test digits.';
      default:
        return '';
    }
  }

  // The compare view's figures: the model before this one on the same digits.
  function comparisonText(e) {
    const c = e.comparison;
    if (!c) return '';
    return ' The previous model: ' + percent(c.previous_accuracy, 2) + '. Macro F1 ' + e.macro.f1.toFixed(3) +
           ' now, ' + c.previous_macro_f1.toFixed(3) + ' before. ' + c.fixed + ' digits are right now that were wrong, ' +
           c.broken + ' wrong now that were right.';
  }

  function cell(tag, text, scope) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (scope) element.scope = scope;
    return element;
  }

  function row(cells) {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  }

  function table(caption, head, rows) {
    const t = document.createElement('table');
    t.createCaption().textContent = caption;
    t.createTHead().append(row(head.map((text) => cell('th', text, 'col'))));
    const body = t.createTBody();
    for (const [label, ...values] of rows) body.append(row([cell('th', label, 'row'), ...values.map((v) => cell('td', v))]));
    return t;
  }

  // `names`: the dataset's class names ("0".."9" on MNIST), `item`: "digit" or "item".
  function evaluationTables(e, names, item) {
    const label = (k) => (names ? names[k] : String(k));
    const confusion = table('Confusion matrix on ' + e.total + ' test ' + item + 's: rows are the true ' + item + ', columns the predicted ' + item,
                            ['true ' + item, ...e.confusion.map((_, k) => 'predicted ' + label(k))],
                            e.confusion.map((counts, k) => ['true ' + label(k), ...counts.map(String)]));
    const fixed = (x) => x.toFixed(3);
    const scores = table('Precision, recall and F1 per class; support is how many test ' + item + 's have that label',
                         [item, 'precision', 'recall', 'F1', 'support'],
                         [...e.classes.map((c, k) => [label(k), fixed(c.precision), fixed(c.recall), fixed(c.f1), String(c.support)]),
                          ['macro avg', fixed(e.macro.precision), fixed(e.macro.recall), fixed(e.macro.f1), String(e.total)],
                          ['weighted avg', fixed(e.weighted.precision), fixed(e.weighted.recall), fixed(e.weighted.f1), String(e.total)]]);
    confusion.id = 'confusion-table';
    scores.id = 'class-table';
    const tables = [confusion, scores];
    if (e.calibration) tables.push(calibrationTable(e.calibration, e.total, label));
    return tables;
  }

  // The Evaluate panel's Calibration section: its figures before and after calibration
  // (temperature scaling for a softmax model, Platt scaling per class for one-vs-rest), or
  // the model's own with the reason nothing was fitted. `label(k)` names class k.
  function calibrationTable(c, total, label) {
    const fixed = (x) => x.toFixed(4);
    const fitted = c.fitted;
    const platt = c.method === 'platt';
    const head = ['figure', 'model', ...(fitted ? [platt ? 'after Platt scaling' : 'after temperature scaling'] : [])];
    const pair = (name, before, after) => [name, before, ...(fitted ? [after] : [])];
    const rows = [pair('expected calibration error (ECE, ' + c.bins + ' bins)', fixed(c.ece_before), fitted ? fixed(c.ece_after) : ''),
                  pair('log-loss on the test digits', fixed(c.log_loss_before), fitted ? fixed(c.log_loss_after) : '')];
    if (c.answered_before !== undefined)
      rows.push(pair('answered when at least ' + percent(c.threshold, 1) + ' sure, of ' + total,
                     c.answered_before + ' (' + c.correct_before + ' right)',
                     fitted ? c.answered_after + ' (' + c.correct_after + ' right)' : ''));
    const ct = c.class_threshold;   // the threshold question's rule: "yes" when p >= t for its class
    if (ct)
      rows.push(pair('called ' + label(ct.digit) + ' when its probability is at least ' + ct.threshold.toFixed(2),
                     ct.yes_before + ' (' + ct.right_before + ' right)',
                     fitted ? ct.yes_after + ' (' + ct.right_after + ' right)' : ''));
    if (platt)  // the model is a = 1, b = 0 for every class
      c.platt.forEach((f, k) => rows.push(pair('class ' + label(k) + ': a and b', 'a = 1, b = 0',
                                               'a = ' + f.a.toFixed(3) + ', b = ' + f.b.toFixed(3))));
    const caption = !fitted ? 'Calibration: nothing fitted. ' + c.reason
      : platt ? 'Calibration: Platt scaling per class: each class\'s score z becomes sigmoid(a z + b), a and b fitted on ' +
                c.held_out_digits + ' held-out training digits, then the probabilities are divided by their sum; ' +
                c.predictions_changed + ' predictions changed, so the confusion matrix after calibration ' +
                (c.predictions_changed > 0 ? 'differs' : 'is the same')
      : 'Calibration: temperature T = ' + c.temperature.toFixed(3) + ', fitted on ' + c.held_out_digits +
        ' held-out training digits; ' + c.predictions_changed + ' predictions changed, so the confusion matrix is the same';
    const t = table(caption, head, rows);
    t.id = 'calibration-table';
    return t;
  }

  // [SECTION] Keeping the layer in step

  let previous = null;
  let previousRaw = '';
  let tablesKey = '';

  function update(a) {
    const before = previous;
    previous = a;
    if (!before || before.title !== a.title) panelTitle.textContent = a.title;
    if (!before || before.text !== a.text) panelText.textContent = a.text;
    panelState.textContent = panelStateText(a);
    panelState.hidden = !panelState.textContent;
    testDigitButton.hidden = a.panel !== 'draw';
    testDigitButton.disabled = a.test_digits === 0;
    copyEmbedButton.hidden = !a.embedded;   // as on the canvas: an embedded panel's own

    const showTables = a.panel === 'evaluate' && a.evaluation !== null;
    const key = showTables ? JSON.stringify(a.evaluation) : '';
    if (key !== tablesKey) {
      tablesKey = key;
      tables.replaceChildren(...(showTables ? evaluationTables(a.evaluation, a.class_names, a.item || 'digit') : []));
    }
    tables.hidden = !showTables;

    lessonNav.hidden = a.embedded;
    const l = a.lesson;
    lessonStepText.textContent = l.active ? 'Lesson, step ' + l.step + ' of ' + l.steps + ': ' + a.title.replace(/^\d+ /, '') : 'The lesson walks through the tutorial\'s chapters and questions, one a step.';
    lessonStart.hidden = l.active;
    lessonBack.hidden = lessonNext.hidden = lessonLeave.hidden = !l.active;
    lessonBack.disabled = l.step <= 1;
    lessonNext.disabled = l.step >= l.steps;

    // An embedded panel loads only its own files; another panel shown later loads its own.
    if (a.embedded && (!before || before.panel !== a.panel)) window.digitlab.loadFilesFor(a.panel);

    const training = trainingText(before && before.training, a.training);
    if (training) {
      say(training);
    } else if (!before || before.prediction !== a.prediction || before.softmax !== a.softmax ||
               JSON.stringify(before.test_digit) !== JSON.stringify(a.test_digit)) {
      if (before || a.prediction !== null) announcePrediction(predictionText(a));
    }
  }

  function poll() {
    const raw = window.digitlab.access && Module._digitlab_access_json ? Module.UTF8ToString(Module._digitlab_access_json()) : '';
    if (!raw || raw === previousRaw) return;
    previousRaw = raw;
    try {
      update(JSON.parse(raw));
    } catch (error) {
      console.error('digitlab access layer:', error);
    }
  }

  // [SECTION] Buttons and shortcuts

  testDigitButton.addEventListener('click', () => window.digitlab.useTestDigit());
  copyLinkButton.addEventListener('click', () => window.digitlab.copyLink());
  copyEmbedButton.addEventListener('click', () => window.digitlab.copyEmbedCode());
  lessonStart.addEventListener('click', () => window.digitlab.lessonStep(1));
  lessonBack.addEventListener('click', () => window.digitlab.lessonStep(-1));
  lessonNext.addEventListener('click', () => window.digitlab.lessonStep(1));
  lessonLeave.addEventListener('click', () => window.digitlab.open('lesson=off'));

  // Letters, so they work on any keyboard layout's main keys; without Ctrl, Alt or Meta,
  // so the browser's own shortcuts stay; never while an ImGui text field has the keys.
  const SHORTCUTS = {
    c: () => window.digitlab.clear(),
    z: () => window.digitlab.undo(),
    r: () => window.digitlab.useTestDigit(),
    t: () => { if (!previous || !previous.training.running) window.digitlab.train({}); },
    s: () => window.digitlab.stop(),
    n: () => window.digitlab.lessonStep(1),
    b: () => window.digitlab.lessonStep(-1),
    '?': () => document.body.classList.toggle('keyboard'),
  };

  const PANEL_KEYS = { d: 'draw', a: 'data', t: 'train', e: 'evaluate' };

  function onKey(event) {
    // Enter or Space on the layer's own buttons presses them, and goes no further: SDL's key
    // handler (on the window, after this one) would cancel the browser's own press and
    // hand the key to ImGui as well.
    const target = event.target;
    if (target && target.tagName === 'BUTTON' && target.closest('#access') && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) target.click();
      return;
    }
    if (event.altKey || event.metaKey) return;
    if (!previous || window.digitlab.typing()) return;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    if (event.key === 'Tab' || event.key.startsWith('Arrow')) document.body.classList.add('keyboard');
    const key = event.key.length === 1 ? event.key.toLowerCase() : '';
    const undoKey = event.ctrlKey && key === 'z';   // Ctrl+Z, as everywhere else
    if (event.ctrlKey && !undoKey) return;
    // Shift+D, A, T, E: the four panels; the Train panel opens with the keyboard in its
    // first field (the number of training digits), ready to type.
    const panel = event.shiftKey ? PANEL_KEYS[key] : undefined;
    if (panel) {
      if (event.repeat) return;
      document.body.classList.add('keyboard');
      event.preventDefault();
      window.digitlab.showPanel(panel);
      if (panel === 'train') window.digitlab.focusFirstField();
      return;
    }
    const action = SHORTCUTS[key];
    if (!action || event.repeat) return;
    if (key !== '?') document.body.classList.add('keyboard');
    event.preventDefault();
    action();
  }

  // Capture: before SDL's own key listener hands the key to ImGui.
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('pointerdown', () => document.body.classList.remove('keyboard'), true);

  window.digitlab.started.then(() => {
    poll();
    setInterval(poll, POLL_MS);
  });
})();
