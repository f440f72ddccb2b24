package io.atrium.standins.openai;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last requests received, oldest first; bounded so that a long dev session does not grow without end. */
final class ReceivedRequests {

    private final int capacity;
    private final Deque<ReceivedRequest> requests = new ArrayDeque<>();

    ReceivedRequests(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ReceivedRequest request) {
        if (requests.size() == capacity) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<ReceivedRequest> snapshot() {
        return List.copyOf(requests);
    }
}
