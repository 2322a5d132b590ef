namespace ValueGuard.Gateway.Web;

/// <summary>The OpenAPI 3.0 description of the web API, served at <c>/openapi.json</c>; a test checks it names every API route.</summary>
internal static class OpenApiDocument
{
    public const string Json = """
        {
          "openapi": "3.0.3",
          "info": { "title": "ValueGuard gateway API", "version": "1", "description": "Local JSON API of a ValueGuard gateway: status of devices, clauses, breach episodes and buffers; operator actions. Every /api request carries the bearer token from the site's web.token_file." },
          "security": [ { "bearer": [] } ],
          "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
              "ActionRequest": { "type": "object", "required": ["reason"], "properties": {
                "reason": { "type": "string", "maxLength": 500, "description": "Why; recorded in the evidence ledger" },
                "minutes": { "type": "integer", "minimum": 1, "maximum": 10080, "description": "Snooze only: how long" } } },
              "ActionResult": { "type": "object", "properties": { "outcome": { "type": "string", "enum": ["done", "refused", "not_found", "not_supported"] }, "state": { "type": "string" }, "message": { "type": "string" } } },
              "Status": { "type": "object", "description": "See docs/web-api.md for every field", "properties": {
                "site": { "type": "string" }, "now": { "type": "string", "format": "date-time" },
                "devices": { "type": "array", "items": { "type": "object" } }, "clauses": { "type": "array", "items": { "type": "object" } },
                "episodes": { "type": "array", "items": { "type": "object" } }, "buffer": { "type": "object" } } }
            }
          },
          "paths": {
            "/api/status": { "get": { "summary": "Devices with last contact and live values, clause states with timelines, breach episodes with tickets, buffer health",
              "responses": { "200": { "description": "The gateway's status", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } },
                             "401": { "description": "No or wrong bearer token" } } } },
            "/api/clauses/{contract}/{clause}/acknowledge": { "post": { "summary": "Acknowledge the clause's breach with a reason (stops escalation)",
              "parameters": [ { "name": "contract", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "clause", "in": "path", "required": true, "schema": { "type": "string" } } ],
              "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ActionRequest" } } } },
              "responses": { "200": { "description": "Acknowledged", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ActionResult" } } } },
                             "400": { "description": "No reason given" }, "401": { "description": "No or wrong bearer token" },
                             "404": { "description": "No such contract or clause" }, "409": { "description": "The clause is not in a breach that can be acknowledged" } } } },
            "/api/clauses/{contract}/{clause}/snooze": { "post": { "summary": "Silence the clause's escalation for a while, with a reason",
              "parameters": [ { "name": "contract", "in": "path", "required": true, "schema": { "type": "string" } }, { "name": "clause", "in": "path", "required": true, "schema": { "type": "string" } } ],
              "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ActionRequest" } } } },
              "responses": { "200": { "description": "Snoozed" }, "400": { "description": "No reason or minutes" }, "401": { "description": "No or wrong bearer token" },
                             "404": { "description": "No such contract or clause" }, "409": { "description": "Refused" } } } }
          }
        }
        """;
}
