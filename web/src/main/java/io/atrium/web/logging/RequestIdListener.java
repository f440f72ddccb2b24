package io.atrium.web.logging;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/** Gives each request its id as it enters the application, and takes it off the thread when it leaves. */
@WebListener
public class RequestIdListener implements ServletRequestListener {

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request) {
            RequestId.begin(request, request.getHeader(RequestId.HEADER));
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        RequestId.end();
    }
}
