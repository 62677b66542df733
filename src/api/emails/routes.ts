// Email Security routes: search, one message, delete, attachments as a zip with the password "infected".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentsZip, deleteEmail, emailViewSchema, getEmail, searchEmails } from '../../soc/emails.ts';
import type { EventStore } from '../../store/store.ts';
import { actorOf } from '../alerts/workflow-routes.ts';
import { emailDeletedSchema, emailListSchema, emailSearchQuery } from './schema.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const emailRoutes: FastifyPluginAsyncZod<{ store: EventStore }> = async (app, { store }) => {
  app.get(
    '/',
    {
      schema: {
        summary: 'Search e-mails (quick q, or the detailed fields)',
        tags: ['emails'],
        querystring: emailSearchQuery,
        response: { 200: emailListSchema },
      },
    },
    async (request) => ({ emails: await searchEmails(store, request.query) }),
  );
  app.get('/:id', { schema: { summary: 'One e-mail: headers, text, the HTML body (render sandboxed), attachments', tags: ['emails'], params: idParams, response: { 200: emailViewSchema } } }, async (request) =>
    getEmail(store, request.params.id),
  );
  app.delete('/:id', { schema: { summary: 'Delete an e-mail from its mailbox (audited)', tags: ['emails'], params: idParams, response: { 200: emailDeletedSchema } } }, async (request) =>
    deleteEmail(store, request.params.id, actorOf(request)),
  );
  app.get('/:id/attachments.zip', { schema: { summary: 'The attachments in a zip with the password "infected"', tags: ['emails'], params: idParams } }, async (request, reply) => {
    const zip = await attachmentsZip(store, request.params.id);
    return reply.type('application/zip').header('content-disposition', `attachment; filename="email-${request.params.id}-attachments.zip"`).send(Buffer.from(zip));
  });
};
