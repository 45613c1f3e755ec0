"""Counts the database queries of each request and reports them in ``X-Query-Count``.

Installed (first in MIDDLEWARE) only when BENCH_FLOOR_VIEWS is true. It wraps the connection's
execution rather than reading ``connection.queries``, so it works with DEBUG off and costs the
same for the portal's views and the floor's.
"""

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
