/*
 * The chat page's streaming: after the Ajax post that saved the employee's message, the answer is read from Atrium's
 * event stream and shown as plain text while it arrives (textContent, never HTML), then replaced by the server's
 * safe rendering of the whole answer. Stop asks the server (a Faces post) to stop the answer; the stream then ends
 * with what had arrived. Enter in the message box sends it; Copy puts an answer on the clipboard; Good/Bad answer rate
 * it (FeedbackServlet); code blocks are coloured by highlight.js.
 */
var atriumChat = (function () {
    'use strict';

    var started = {};
    var current = null;

    function byId(id) {
        return document.getElementById(id);
    }

    function status(text) {
        byId('reply-status').textContent = text;
    }

    function buttons(streaming) {
        var send = byId('chat:send');
        var stop = byId('chat:stop');
        if (send) {
            send.disabled = streaming;
        }
        if (stop) {
            stop.hidden = !streaming;
            stop.disabled = false;
        }
        ['chat:regenerate', 'chat:edit'].forEach(function (id) {
            if (byId(id)) {
                byId(id).disabled = streaming;
            }
        });
    }

    function assistantTurn() {
        var turn = document.createElement('li');
        turn.className = 'turn assistant streaming';
        var speaker = document.createElement('span');
        speaker.className = 'speaker';
        speaker.textContent = 'Assistant';
        var text = document.createElement('div');
        text.className = 'text';
        text.setAttribute('aria-busy', 'true');
        turn.appendChild(speaker);
        turn.appendChild(text);
        byId('conversation').appendChild(turn);
        return {turn: turn, text: text};
    }

    function note(turn, words) {
        var p = document.createElement('p');
        p.className = 'note';
        p.textContent = words;
        turn.appendChild(p);
    }

    function allowance(event) {
        var left = byId('allowance');
        if (left && event.allowance) {
            left.textContent = event.allowance;
        }
    }

    function copyButton() {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy';
        button.textContent = 'Copy';
        return button;
    }

    // Copy puts an answer's text (as shown, without the Markdown marks) on the clipboard.
    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('button.copy') : null;
        var text = button && button.parentNode.querySelector('.text');
        if (!text) {
            return;
        }
        navigator.clipboard.writeText(text.innerText.trim()).then(function () {
            button.textContent = 'Copied';
            status('Answer copied.');
            window.setTimeout(function () {
                button.textContent = 'Copy';
            }, 2000);
        }, function () {
            status('The browser did not allow copying; select the text instead.');
        });
    });

    // Colours the code blocks of answers (highlight.js reads their text and writes escaped, classed spans); a fenced
    // block's language comes from its ```name (commonmark's language-* class), else highlight.js guesses.
    function highlight(root) {
        if (!window.hljs) {
            return;
        }
        root.querySelectorAll('pre code').forEach(function (block) {
            window.hljs.highlightElement(block);
            // A long line makes the block scroll sideways (the theme's overflow): keyboard users must reach it too.
            block.setAttribute('tabindex', '0');
        });
    }

    highlight(document);
    // Faces' Ajax replaces the conversation with the server's rendering (after Send, Regenerate, Edit): colour it again.
    if (window.faces && window.faces.ajax) {
        window.faces.ajax.addOnEvent(function (data) {
            if (data.status === 'success') {
                highlight(document);
            }
        });
    }

    /** The rating controls of the answer at {@code position}: the page's template (answer-feedback.xhtml), copied. */
    function feedbackControls(position) {
        var box = byId('feedback-template').content.firstElementChild.cloneNode(true);
        box.setAttribute('data-position', String(position));
        box.querySelector('label').htmlFor = 'feedback-' + position;
        box.querySelector('textarea').id = 'feedback-' + position;
        return box;
    }

    // A rating (and its comment) goes to the server with the session's token; the page shows what was stored.
    function rate(box, rating, comment) {
        var list = byId('conversation');
        var fields = new URLSearchParams();
        fields.set('c', list.getAttribute('data-conversation'));
        fields.set('position', box.getAttribute('data-position'));
        fields.set('rating', rating);
        if (comment !== null) {
            fields.set('comment', comment);
        }
        fetch(list.getAttribute('data-feedback'), {
            method: 'POST',
            credentials: 'same-origin',
            headers: {'X-Atrium-Token': list.getAttribute('data-token')},
            body: fields
        }).then(function (response) {
            return response.json().then(function (body) {
                if (!response.ok) {
                    throw new Error(body.message || 'The rating could not be saved.');
                }
                box.setAttribute('data-rating', body.rating);
                box.querySelectorAll('button.rate').forEach(function (button) {
                    button.setAttribute('aria-pressed', String(button.getAttribute('data-rating') === body.rating));
                });
                status(comment !== null ? 'Thank you, your comment is saved.' : 'Thank you, your rating is saved.');
            });
        }).catch(function (failure) {
            status(failure.message || 'The rating could not be saved.');
        });
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('.feedback button') : null;
        var box = button && button.closest('.feedback');
        if (!box) {
            return;
        }
        if (button.classList.contains('rate')) {
            rate(box, button.getAttribute('data-rating'), null);
        } else if (box.getAttribute('data-rating')) {
            rate(box, box.getAttribute('data-rating'), box.querySelector('textarea').value);
        }
    });

    function finish(words) {
        if (current) {
            current.source.close();
            current.reply.text.removeAttribute('aria-busy');
            current.reply.turn.classList.remove('streaming');
            current = null;
        }
        buttons(false);
        status(words);
    }

    function stream(url, conversation) {
        var reply = assistantTurn();
        var source = new EventSource(url);
        current = {source: source, reply: reply};
        buttons(true);
        status('The assistant is answering…');
        if (conversation && window.history && window.history.replaceState) {
            window.history.replaceState(null, '', window.location.pathname + '?c=' + encodeURIComponent(conversation));
        }
        source.addEventListener('delta', function (event) {
            reply.text.textContent += JSON.parse(event.data).text;
        });
        source.addEventListener('done', function (event) {
            var done = JSON.parse(event.data);
            allowance(done);
            // The server's rendering: Markdown with raw HTML escaped and only http(s)/mailto links (SafeMarkdown).
            reply.text.innerHTML = done.html;
            reply.text.classList.add('markdown');
            highlight(reply.text);
            reply.turn.appendChild(copyButton());
            if (typeof done.position === 'number') {
                reply.turn.appendChild(feedbackControls(done.position));
            }
            if (!done.stopped) {
                // Said once, whole: the pieces arriving one by one are not announced.
                byId('answer-announcer').textContent = 'The assistant answered: ' + reply.text.textContent.trim();
            }
            if (done.note) {
                note(reply.turn, done.note);
            }
            if (done.leftOut) {
                note(reply.turn, done.leftOut);
            }
            finish(done.stopped ? 'Answer stopped.' : 'Answer complete.');
        });
        source.addEventListener('failed', function (event) {
            var failed = JSON.parse(event.data);
            allowance(failed);
            if (failed.withdraw || reply.text.textContent === '') {
                reply.turn.parentNode.removeChild(reply.turn);
            } else {
                note(reply.turn, 'The answer broke off here.');
            }
            finish(failed.message);
            if (failed.signInAgain) {
                // Entra asks for a new sign-in (a claims challenge); the question stays in the conversation.
                window.location.assign(failed.signInAgain);
            }
        });
        source.onerror = function () {
            if (current && current.source === source) {
                if (reply.text.textContent === '') {
                    reply.turn.parentNode.removeChild(reply.turn);
                }
                finish('The answer could not be received. Reload the page to see your conversation '
                    + '(you may be asked to sign in again).');
            }
        };
    }

    // Enter sends, Shift+Enter starts a new line (as in the chat apps employees know); not while an input method
    // is composing a character, and not while an answer is arriving (Send is disabled then).
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey
            || event.isComposing || !event.target || event.target.id !== 'chat:message') {
            return;
        }
        event.preventDefault();
        var send = byId('chat:send');
        if (send && !send.disabled && event.target.value.trim() !== '') {
            send.click();
        }
    });

    return {
        /** The Delete button: only after the employee confirms, since a deleted conversation cannot come back. */
        confirmDelete: function () {
            return window.confirm('Delete this conversation and all its messages? This cannot be undone.');
        },

        /** Faces' Ajax event of the Send button: once the page is updated, read the answer it prepared. */
        sent: function (data) {
            if (data.status !== 'success') {
                return;
            }
            var marker = byId('reply-marker');
            var reply = marker && marker.getAttribute('data-reply');
            if (!reply || started[reply]) {
                buttons(current !== null);
                return;
            }
            started[reply] = true;
            stream(marker.getAttribute('data-stream') + '?reply=' + encodeURIComponent(reply),
                marker.getAttribute('data-conversation'));
            var message = byId('chat:message');
            if (message) {
                message.focus();
            }
        },

        stopping: function () {
            var stop = byId('chat:stop');
            // After Faces has taken the click for its post.
            window.setTimeout(function () {
                if (stop) {
                    stop.disabled = true;
                }
            }, 0);
            status('Stopping…');
        }
    };
}());
