/*
 * The reference intake form. Renders from GET /api/v1/questionnaire, submits to POST /api/v1/intakes
 * and then long-polls GET /api/v1/intakes/{id} with the status token kept in the URL fragment (a
 * fragment never reaches the server or its access log). The server is the one judge of what is valid:
 * the form shows its RFC 9457 field errors next to the fields their JSON pointers name, so the rules
 * are written once. Plain browser APIs only; no request leaves this origin (see the page's CSP).
 */
(function () {
    'use strict';

    // relative, so that the form also works behind a path prefix
    var QUESTIONNAIRE_URL = 'api/v1/questionnaire';
    var INTAKES_URL = 'api/v1/intakes';
    var LONG_POLL_SECONDS = 25;

    var US_STATES = [['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'],
        ['CA', 'California'], ['CO', 'Colorado'], ['CT', 'Connecticut'], ['DE', 'Delaware'],
        ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'],
        ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'],
        ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'],
        ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'],
        ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'],
        ['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'],
        ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'],
        ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'],
        ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
        ['AS', 'American Samoa'], ['GU', 'Guam'], ['MP', 'Northern Mariana Islands'], ['PR', 'Puerto Rico'],
        ['VI', 'U.S. Virgin Islands']];

    /*
     * The questionnaire names the non-scored fields of each section by JSON pointer and gives their coded
     * choices; how each is asked (label, widget, hint) is this form's business.
     */
    var FIELDS = {
        '/about/age': {label: 'Your age', widget: 'age', required: true,
            hint: 'In whole years. This service is for adults (18 or older).'},
        '/about/state': {label: 'The US state you are in', widget: 'select', options: US_STATES, required: true,
            hint: 'Clinicians may only see clients in the states where they are licensed.'},
        '/about/language': {label: 'Your preferred language', widget: 'radio', required: true},
        '/about/sex': {label: 'Sex', widget: 'radio', hint: 'Used only to score the alcohol questions.'},
        '/concerns': {label: 'What brings you here? Choose any that apply.', widget: 'concerns'},
        '/freeText': {label: 'Anything else you want us to know?', widget: 'textarea', maxLength: 2000},
        '/preferences/modality': {label: 'How would you like to meet your clinician?', widget: 'radio',
            required: true},
        '/preferences/clinicianGender': {label: 'Would you prefer your clinician to be…', widget: 'radio'},
        '/preferences/availability': {label: 'When are you usually available? Choose any that apply.',
            widget: 'checkboxes'},
        '/contact/name': {label: 'Your name', widget: 'text', required: true, autocomplete: 'name', maxLength: 200},
        '/contact/email': {label: 'E-mail address', widget: 'text', type: 'email', autocomplete: 'email',
            maxLength: 254},
        '/contact/mobile': {label: 'Mobile number', widget: 'text', type: 'tel', autocomplete: 'tel',
            hint: 'For example +1 555 555 0123. US numbers may leave out the +1.'},
        '/contact/consent': {label: 'How may we contact you? Give an e-mail address or a mobile number for each '
                + 'way you choose.', widget: 'checkboxes'},
        '/contact/safeToLeaveMessages': {label: 'It is safe to leave messages (voicemail, texts, e-mail) that '
                + 'mention this service', widget: 'checkbox'}
    };

    var FRIENDLY = {
        'must not be null': 'Please answer this question.',
        'must not be blank': 'Please answer this question.',
        'is required': 'Please answer this question.'
    };

    var questionnaire = null;
    // pointer -> {container, inputs, error, label}; where server errors are shown
    var fields = {};
    // elements shown only when their skip condition holds: {element, askedWhen}
    var conditional = [];
    // Idempotency-Key: kept while the same answers are retried after no definitive answer
    var pending = {body: null, key: null};
    var pollGeneration = 0;

    function $(id) {
        return document.getElementById(id);
    }

    function el(tag, attributes, children) {
        var element = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) {
            var value = attributes[name];
            if (value === null || value === undefined || value === false) {
                return;
            }
            if (name === 'text') {
                element.textContent = value;
            } else if (name === 'className') {
                element.className = value;
            } else {
                element.setAttribute(name, value === true ? '' : value);
            }
        });
        (children || []).forEach(function (child) {
            if (child) {
                element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
            }
        });
        return element;
    }

    /** An element id from a JSON pointer: /answers/phq9.3 -> f-answers-phq9-3. */
    function fieldId(pointer) {
        return 'f' + pointer.replace(/[^A-Za-z0-9_]/g, '-');
    }

    function uuid() {
        // crypto.randomUUID exists only in secure contexts; getRandomValues everywhere
        var bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        var hex = Array.prototype.map.call(bytes, function (b) {
            return (b + 0x100).toString(16).slice(1);
        }).join('');
        return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-'
            + hex.slice(20);
    }

    // ---------------------------------------------------------------- rendering the questionnaire

    function register(pointer, container, inputs, label) {
        var error = el('p', {id: fieldId(pointer) + '-error', className: 'field-error', hidden: true});
        container.appendChild(error);
        fields[pointer] = {container: container, inputs: inputs, error: error, label: label};
    }

    function hintElement(pointer, text) {
        return text ? el('p', {id: fieldId(pointer) + '-hint', className: 'hint', text: text}) : null;
    }

    function describedBy(pointer, hint) {
        return hint ? fieldId(pointer) + '-hint' : null;
    }

    function legendText(text, optional) {
        var legend = el('legend', {}, [text]);
        if (optional) {
            legend.appendChild(document.createTextNode(' '));
            legend.appendChild(el('span', {className: 'optional-tag', text: 'optional'}));
        }
        return legend;
    }

    /** A group of radios or checkboxes: a fieldset whose legend names it, one label per option. */
    function choiceGroup(pointer, label, options, type, optional, hint, name) {
        var id = fieldId(pointer);
        var fieldset = el('fieldset', {id: id, className: 'field choice-group', 'aria-describedby':
            describedBy(pointer, hint)}, [legendText(label, optional), hintElement(pointer, hint)]);
        var list = el('div', {className: 'options'});
        var inputs = options.map(function (option, index) {
            var input = el('input', {type: type, id: id + '-' + index, name: name || pointer, value: option.value});
            list.appendChild(el('div', {className: 'option'}, [input,
                el('label', {'for': input.id, text: option.label})]));
            return input;
        });
        fieldset.appendChild(list);
        register(pointer, fieldset, inputs, label);
        return fieldset;
    }

    function choicesOf(pointer) {
        return (questionnaire.choices[pointer] || []).map(function (choice) {
            return {value: choice.code, label: choice.label};
        });
    }

    function renderField(pointer) {
        var spec = FIELDS[pointer];
        if (!spec) {
            return null; // a field this form does not know yet: the server will say if it is needed
        }
        var optional = !spec.required;
        var id = fieldId(pointer);
        switch (spec.widget) {
            case 'radio':
                return choiceGroup(pointer, spec.label, choicesOf(pointer), 'radio', optional, spec.hint);
            case 'checkboxes':
                return choiceGroup(pointer, spec.label, choicesOf(pointer), 'checkbox', optional, spec.hint);
            case 'concerns':
                return choiceGroup(pointer, spec.label, questionnaire.concerns.map(function (concern) {
                    return {value: concern.code, label: concern.label};
                }), 'checkbox', optional, spec.hint);
            case 'checkbox': {
                var box = el('input', {type: 'checkbox', id: id + '-input', name: pointer});
                var wrapper = el('div', {id: id, className: 'field single-checkbox'}, [
                    el('div', {className: 'option'}, [box, el('label', {'for': box.id, text: spec.label})])]);
                register(pointer, wrapper, [box], spec.label);
                return wrapper;
            }
            default: {
                var input;
                if (spec.widget === 'select') {
                    input = el('select', {id: id + '-input', name: pointer, required: spec.required,
                        'aria-describedby': describedBy(pointer, spec.hint)},
                        [el('option', {value: '', text: 'Choose…'})].concat(spec.options.map(function (o) {
                            return el('option', {value: o[0], text: o[1]});
                        })));
                } else if (spec.widget === 'textarea') {
                    input = el('textarea', {id: id + '-input', name: pointer, rows: 5, maxlength: spec.maxLength,
                        'aria-describedby': id + '-count'});
                } else if (spec.widget === 'age') {
                    input = el('input', {id: id + '-input', name: pointer, type: 'text', inputmode: 'numeric',
                        autocomplete: 'off', size: 4, maxlength: 3, required: spec.required,
                        'aria-describedby': describedBy(pointer, spec.hint)});
                } else {
                    input = el('input', {id: id + '-input', name: pointer, type: spec.type || 'text',
                        autocomplete: spec.autocomplete, maxlength: spec.maxLength, required: spec.required,
                        'aria-describedby': describedBy(pointer, spec.hint)});
                }
                var label = el('label', {'for': input.id}, [spec.label]);
                if (optional) {
                    label.appendChild(document.createTextNode(' '));
                    label.appendChild(el('span', {className: 'optional-tag', text: 'optional'}));
                }
                var field = el('div', {id: id, className: 'field'}, [label, hintElement(pointer, spec.hint), input]);
                if (spec.widget === 'textarea') {
                    var count = el('p', {id: id + '-count', className: 'hint', 'aria-live': 'polite'});
                    var update = function () {
                        count.textContent = (spec.maxLength - input.value.length) + ' characters left';
                    };
                    input.addEventListener('input', update);
                    update();
                    field.appendChild(count);
                }
                register(pointer, field, [input], spec.label);
                return field;
            }
        }
    }

    function renderItem(item, number, instrument) {
        var pointer = '/answers/' + item.id;
        var options = item.options.map(function (o) {
            return {value: String(o.value), label: o.label};
        });
        var text = number ? number + '. ' + item.text : item.text;
        var group = choiceGroup(pointer, text, options, 'radio', false, null, 'answers.' + item.id);
        if (instrument) {
            // the error summary names the question with its part of the form: "Mood (PHQ-9), question 3"
            fields[pointer].label = instrument.title + ', question ' + number;
        }
        group.classList.add('item');
        group.setAttribute('data-item', item.id);
        if (item.askedWhen) {
            conditional.push({element: group, askedWhen: item.askedWhen});
        }
        return group;
    }

    function renderInstrument(instrument) {
        var id = 'instrument-' + instrument.id;
        var optional = instrument.requirement === 'OPTIONAL';
        var title = el('h3', {id: id + '-title'}, [instrument.title]);
        if (optional && !/optional/i.test(instrument.title)) {
            title.appendChild(document.createTextNode(' '));
            title.appendChild(el('span', {className: 'optional-tag', text: 'optional'}));
        }
        var block = el('div', {id: id, className: 'instrument', role: 'group', 'aria-labelledby': id + '-title',
            'aria-describedby': instrument.instructions ? id + '-instructions' : null}, [title,
            instrument.instructions ? el('p', {id: id + '-instructions', className: 'instructions',
                text: instrument.instructions}) : null]);
        if (optional) {
            block.appendChild(el('p', {className: 'hint', text: 'You may leave this part out. If you answer one '
                    + 'of its questions, please answer all of them.'}));
        }
        instrument.items.forEach(function (item, index) {
            block.appendChild(renderItem(item, index + 1, instrument));
        });
        if (instrument.askedWhen) {
            conditional.push({element: block, askedWhen: instrument.askedWhen});
        }
        return block;
    }

    function renderQuestionnaire() {
        var container = $('sections');
        var toc = $('toc-list');
        questionnaire.sections.forEach(function (section, index) {
            var id = 'section-' + section.id;
            var heading = el('h2', {id: id + '-title'}, [(index + 1) + '. ' + section.title]);
            var block = el('section', {id: id, className: 'form-section', 'aria-labelledby': id + '-title'},
                [heading]);
            section.fields.forEach(function (pointer) {
                block.appendChild(renderField(pointer));
            });
            // standalone items first: they gate the section's instruments (the partner question, CSI-4)
            section.items.forEach(function (item) {
                block.appendChild(renderItem(item, null));
            });
            section.instruments.forEach(function (instrument) {
                block.appendChild(renderInstrument(instrument));
            });
            container.appendChild(block);
            toc.appendChild(el('li', {}, [el('a', {href: '#' + id, text: section.title})]));
        });
        applySkipLogic();
    }

    // ---------------------------------------------------------------- skip logic and reading answers

    function isShown(element) {
        for (var node = element; node; node = node.parentElement) {
            if (node.hidden) {
                return false;
            }
        }
        return true;
    }

    /** Answers of the questions on screen (hidden ones are not asked, so not sent). */
    function answers(onlyShown) {
        var result = {};
        document.querySelectorAll('#sections fieldset.item').forEach(function (group) {
            if (onlyShown && !isShown(group)) {
                return;
            }
            var checked = group.querySelector('input:checked');
            if (checked) {
                result[group.getAttribute('data-item')] = Number(checked.value);
            }
        });
        return result;
    }

    function holds(askedWhen, given) {
        return askedWhen.anyOf.some(function (itemId) {
            return given[itemId] === askedWhen.equals;
        });
    }

    function applySkipLogic() {
        // twice: a condition may read a question that the first pass hid
        for (var pass = 0; pass < 2; pass++) {
            var given = answers(pass > 0);
            conditional.forEach(function (c) {
                c.element.hidden = !holds(c.askedWhen, given);
            });
        }
    }

    function checkedValues(pointer) {
        var field = fields[pointer];
        return field ? field.inputs.filter(function (i) {
            return i.checked;
        }).map(function (i) {
            return i.value;
        }) : [];
    }

    function value(pointer) {
        var field = fields[pointer];
        if (!field) {
            return null;
        }
        var input = field.inputs[0];
        if (input.type === 'radio') {
            var checked = checkedValues(pointer);
            return checked.length ? checked[0] : null;
        }
        var text = input.value.trim();
        return text === '' ? null : text;
    }

    /** US numbers as people write them (555-555-0123, (555) 555 0123) to E.164; anything else as typed. */
    function mobile(text) {
        if (text === null) {
            return null;
        }
        var digits = text.replace(/[\s().-]/g, '');
        if (/^[0-9]{10}$/.test(digits)) {
            return '+1' + digits;
        }
        if (/^1[0-9]{10}$/.test(digits)) {
            return '+' + digits;
        }
        return digits;
    }

    /** The request body, and the errors the form can tell without asking the server. */
    function readForm() {
        var errors = [];
        var age = value('/about/age');
        if (age !== null && !/^[0-9]{1,3}$/.test(age)) {
            errors.push({pointer: '/about/age', detail: 'Please give your age as a whole number of years.'});
        }
        var consent = checkedValues('/contact/consent');
        var safe = fields['/contact/safeToLeaveMessages'];
        var body = {
            questionnaire: {id: questionnaire.id, version: questionnaire.version},
            about: {age: age !== null && /^[0-9]{1,3}$/.test(age) ? Number(age) : null, state: value('/about/state'),
                language: value('/about/language'), sex: value('/about/sex')},
            concerns: checkedValues('/concerns'),
            answers: answers(true),
            freeText: value('/freeText'),
            preferences: {modality: value('/preferences/modality'),
                clinicianGender: value('/preferences/clinicianGender'),
                availability: checkedValues('/preferences/availability')},
            contact: {name: value('/contact/name'), email: value('/contact/email'),
                mobile: mobile(value('/contact/mobile')),
                consent: {email: consent.indexOf('EMAIL') >= 0, sms: consent.indexOf('SMS') >= 0},
                safeToLeaveMessages: safe ? safe.inputs[0].checked : false}
        };
        return {body: body, errors: errors};
    }

    // ---------------------------------------------------------------- errors

    /** The field a pointer names, or the nearest field above it (/contact/consent/email -> /contact/consent). */
    function fieldFor(pointer) {
        for (var p = pointer; p; p = p.substring(0, p.lastIndexOf('/'))) {
            if (fields[p]) {
                return fields[p];
            }
        }
        return null;
    }

    function sentence(detail) {
        var text = FRIENDLY[detail] || detail || 'Please check this answer.';
        return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
    }

    function setInvalid(field, invalid) {
        var errorId = field.error.id;
        field.container.classList.toggle('has-error', invalid);
        var targets = field.container.tagName === 'FIELDSET' ? [field.container].concat(field.inputs) : field.inputs;
        targets.forEach(function (target) {
            var ids = (target.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (id) {
                return id && id !== errorId;
            });
            if (invalid) {
                ids.unshift(errorId);
            }
            if (ids.length) {
                target.setAttribute('aria-describedby', ids.join(' '));
            } else {
                target.removeAttribute('aria-describedby');
            }
            if (target.tagName !== 'FIELDSET') {
                if (invalid) {
                    target.setAttribute('aria-invalid', 'true');
                } else {
                    target.removeAttribute('aria-invalid');
                }
            }
        });
        field.error.hidden = !invalid;
        if (!invalid) {
            field.error.textContent = '';
        }
    }

    function clearErrors() {
        Object.keys(fields).forEach(function (pointer) {
            setInvalid(fields[pointer], false);
        });
        $('error-summary-list').textContent = '';
        $('error-summary').hidden = true;
    }

    /**
     * Shows each error beside its field and lists them all in the summary, which takes the focus (and,
     * being role=alert, is announced).
     */
    function showErrors(errors, title) {
        clearErrors();
        var list = $('error-summary-list');
        errors.forEach(function (error) {
            var field = fieldFor(error.pointer || '');
            var text = sentence(error.detail);
            if (field) {
                // one field may get several errors (e.g. two consent checks): keep them all
                field.error.textContent = field.error.textContent ? field.error.textContent + ' ' + text : text;
                setInvalid(field, true);
                var target = field.inputs[0];
                var link = el('a', {href: '#' + target.id}, [field.label.replace(/[.…:?]+$/, '') + ': ' + text]);
                link.addEventListener('click', function (event) {
                    event.preventDefault();
                    target.focus();
                    field.container.scrollIntoView({block: 'center'});
                });
                list.appendChild(el('li', {}, [link]));
            } else {
                list.appendChild(el('li', {text: text}));
            }
        });
        $('error-summary-title').textContent = title || 'Some answers need your attention';
        $('error-summary').hidden = false;
        $('error-summary').focus();
    }

    // ---------------------------------------------------------------- submitting

    function setBusy(busy, text) {
        $('submit-button').disabled = busy;
        $('intake-form').setAttribute('aria-busy', busy ? 'true' : 'false');
        $('submit-state').textContent = text || '';
    }

    function problemOf(response) {
        return response.json().catch(function () {
            return {};
        });
    }

    function submit(event) {
        event.preventDefault();
        var read = readForm();
        if (read.errors.length) {
            showErrors(read.errors);
            return;
        }
        var json = JSON.stringify(read.body);
        // a retry of the same answers after no definitive answer keeps its key, so it is never taken twice
        if (pending.body !== json) {
            pending = {body: json, key: uuid()};
        }
        setBusy(true, 'Sending your answers…');
        fetch(INTAKES_URL, {method: 'POST', body: json, credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json',
                'Idempotency-Key': pending.key}})
            .then(function (response) {
                if (response.status === 202) {
                    return response.json().then(accepted);
                }
                return problemOf(response).then(function (problem) {
                    setBusy(false);
                    if (response.status === 400 || response.status === 422) {
                        pending = {body: null, key: null};
                        var errors = problem.errors && problem.errors.length ? problem.errors
                            : [{pointer: '', detail: problem.detail || 'Please check your answers.'}];
                        showErrors(errors, problem.detail);
                    } else {
                        var wait = response.headers.get('Retry-After');
                        showErrors([{pointer: '', detail: (problem.detail || 'Your answers could not be sent just '
                                + 'now.') + (wait ? ' Please try again in ' + wait + ' seconds.' : '')
                                + ' Your answers are still here.'}], 'Your answers were not sent');
                    }
                });
            })
            .catch(function () {
                setBusy(false);
                showErrors([{pointer: '', detail: 'We could not reach the service. Your answers are still here; '
                        + 'please check your connection and send them again.'}], 'Your answers were not sent');
            });
    }

    function accepted(body) {
        setBusy(false);
        pending = {body: null, key: null};
        clearErrors();
        // answers leave the page: nothing is left behind on a shared computer
        $('intake-form').reset();
        applySkipLogic();
        // the token lives only in the fragment, which browsers never send to a server
        location.hash = 'intake=' + encodeURIComponent(body.intakeId) + '&token='
            + encodeURIComponent(body.statusToken);
    }

    // ---------------------------------------------------------------- the status page

    var HEADLINES = {
        RECEIVED: 'We have received your answers',
        IN_REVIEW: 'Your answers are being reviewed',
        WAITLISTED: 'You are on our waitlist',
        MATCHED: 'You have been matched with a clinician'
    };
    var ORDER = ['RECEIVED', 'IN_REVIEW', 'DONE'];

    function fragment() {
        var params = {};
        location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
            var i = pair.indexOf('=');
            if (i > 0) {
                params[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1));
            }
        });
        return params.intake && params.token ? {intakeId: params.intake, token: params.token} : null;
    }

    var shownStatus = null;

    function renderStatus(view) {
        var key = JSON.stringify(view);
        if (key === shownStatus) {
            return; // nothing new: do not announce it again
        }
        shownStatus = key;
        $('status-problem').hidden = true;
        var headline = HEADLINES[view.status] || 'Your request';
        $('status-headline').textContent = headline;
        $('status-message').textContent = view.message || '';
        document.title = headline + ' - Start therapy';
        $('status-page').setAttribute('data-status', view.status);

        var clinician = view.clinician;
        $('status-clinician').hidden = !clinician;
        $('status-clinician-name').textContent = clinician ? clinician.displayName : '';
        $('status-clinician-credentials').textContent = clinician ? clinician.credentials : '';

        var resources = view.crisisResources || [];
        var list = $('crisis-resource-list');
        list.textContent = '';
        resources.forEach(function (resource) {
            list.appendChild(el('li', {}, [el('strong', {text: resource.name}), ': ' + resource.howToReach]));
        });
        $('crisis-resources').hidden = resources.length === 0;

        var phase = view.status === 'MATCHED' || view.status === 'WAITLISTED' ? 'DONE' : view.status;
        $('status-progress-done').textContent = view.status === 'WAITLISTED' ? 'On the waitlist'
            : 'Matched with a clinician';
        document.querySelectorAll('#status-progress li').forEach(function (step) {
            var at = ORDER.indexOf(step.getAttribute('data-phase'));
            var now = ORDER.indexOf(phase);
            step.className = at < now ? 'done' : at === now ? 'current' : 'todo';
            if (at === now) {
                step.setAttribute('aria-current', 'step');
            } else {
                step.removeAttribute('aria-current');
            }
        });
    }

    function statusProblem(text) {
        $('status-problem').textContent = text;
        $('status-problem').hidden = false;
    }

    function delay(seconds) {
        return new Promise(function (resolve) {
            setTimeout(resolve, seconds * 1000);
        });
    }

    /**
     * Long-polls the status: each request returns at the next change (or after LONG_POLL_SECONDS with the
     * same status), and the next one starts at once. Stops at MATCHED, which is final, or when the page
     * leaves this intake.
     */
    function poll(intake, generation, waitSeconds, failures) {
        if (generation !== pollGeneration) {
            return;
        }
        var controller = window.AbortController ? new AbortController() : null;
        var timer = setTimeout(function () {
            if (controller) {
                controller.abort();
            }
        }, (waitSeconds + 15) * 1000);
        fetch(INTAKES_URL + '/' + encodeURIComponent(intake.intakeId) + '?waitSeconds=' + waitSeconds, {
            headers: {'X-Status-Token': intake.token, 'Accept': 'application/json'}, cache: 'no-store',
            credentials: 'same-origin', signal: controller ? controller.signal : undefined
        }).then(function (response) {
            clearTimeout(timer);
            if (generation !== pollGeneration) {
                return null;
            }
            if (response.status === 200) {
                return response.json().then(function (view) {
                    renderStatus(view);
                    if (view.status !== 'MATCHED') {
                        poll(intake, generation, LONG_POLL_SECONDS, 0);
                    }
                });
            }
            if (response.status === 404) {
                // right after sending, the status may take a moment to appear: the long-poll waits for it
                if (waitSeconds > 0) {
                    statusProblem('We cannot find a status for this address. If you have just sent your '
                        + 'answers, please wait a moment; otherwise check that you opened the full address.');
                }
                return delay(waitSeconds > 0 ? 1 : 0).then(function () {
                    poll(intake, generation, LONG_POLL_SECONDS, 0);
                });
            }
            var retry = Number(response.headers.get('Retry-After')) || 5;
            return delay(Math.min(retry, 60)).then(function () {
                poll(intake, generation, waitSeconds, failures + 1);
            });
        }).catch(function () {
            clearTimeout(timer);
            if (generation !== pollGeneration) {
                return;
            }
            if (failures >= 2) {
                statusProblem('We cannot reach the service just now. This page keeps trying.');
            }
            delay(Math.min(30, 2 * (failures + 1))).then(function () {
                poll(intake, generation, waitSeconds, failures + 1);
            });
        });
    }

    // ---------------------------------------------------------------- which screen

    function route() {
        var intake = fragment();
        pollGeneration++;
        if (intake) {
            $('intake-form').hidden = true;
            $('loading').hidden = true;
            $('status-page').hidden = false;
            $('page-title').textContent = 'Thank you for reaching out';
            shownStatus = null;
            $('status-headline').textContent = 'Checking your status…';
            document.title = 'Your request - Start therapy';
            $('status-title').setAttribute('tabindex', '-1');
            $('status-title').focus();
            // first answer at once if the status is there already, then long-poll
            poll(intake, pollGeneration, 0, 0);
        } else {
            $('status-page').hidden = true;
            $('page-title').textContent = 'Start therapy';
            document.title = 'Start therapy: intake questionnaire';
            if (questionnaire) {
                $('intake-form').hidden = false;
            } else {
                load();
            }
        }
    }

    var loading = false;

    function load() {
        if (loading) {
            return;
        }
        loading = true;
        fetch(QUESTIONNAIRE_URL, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (definition) {
                questionnaire = definition;
                renderQuestionnaire();
                $('loading').hidden = true;
                $('intake-form').hidden = fragment() !== null;
            })
            .catch(function () {
                loading = false;
                $('loading').hidden = true;
                $('load-failed').hidden = false;
            });
    }

    function start() {
        var form = $('intake-form');
        form.addEventListener('submit', submit);
        form.addEventListener('change', function (event) {
            applySkipLogic();
            // an answer changed: its error no longer applies
            var name = event.target && event.target.name;
            var pointer = name && name.indexOf('answers.') === 0 ? '/answers/' + name.slice(8) : name;
            if (pointer && fields[pointer]) {
                setInvalid(fields[pointer], false);
            }
        });
        window.addEventListener('hashchange', route);
        route();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
