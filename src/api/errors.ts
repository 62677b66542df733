// Stable API error codes, and the one place where library and domain errors become HTTP responses.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { authErrorHandler, type AuthErrorCode } from '../auth/auth-errors.ts';
import { QuerySyntaxError, SearchError, type SearchErrorCode } from '../search/errors.ts';
import { WorkflowError, type WorkflowErrorCode } from '../soc/workflow.ts';

export type ErrorCode = 'bad_request' | 'query_syntax' | 'not_found' | 'internal' | SearchErrorCode | AuthErrorCode | WorkflowErrorCode;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; position?: number; issues?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (authErrorHandler(error, request, reply)) return;
  if (error instanceof WorkflowError) {
    void reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    return;
  }
  if (error instanceof QuerySyntaxError) {
    void reply.status(400).send({ error: { code: 'query_syntax', message: error.message, position: error.position } });
    return;
  }
  if (error instanceof SearchError) {
    void reply.status(400).send({ error: { code: error.code, message: error.message } });
    return;
  }
  if (error instanceof ApiError) {
    void reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    void reply.status(400).send({
      error: { code: 'bad_request', message: 'the request does not match the schema', issues: error.validation },
    });
    return;
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 500) request.log.error(error);
  void reply
    .status(status)
    .send({ error: { code: status >= 500 ? 'internal' : 'bad_request', message: status >= 500 ? 'internal error' : error.message } });
}
