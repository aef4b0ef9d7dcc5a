import {
  ErrorBodySchema,
  NotificationListResponseSchema,
  NotificationReadBodySchema,
  NotificationReadResponseSchema,
} from '@turnout/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewerMay } from '../../http/authorize';
import { requireViewer } from '../../plugins/session';
import { notificationPolicy } from './notifications.policy';
import { presentNotification } from './notifications.presenter';
import type { NotificationsService } from './notifications.service';

const tags = ['notifications'];
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export const notificationRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  app.get('/api/notifications', {
    preValidation: viewerMay(notificationPolicy.readOwn),
    schema: {
      tags,
      summary: 'The viewer’s newest notifications and unread count',
      response: { 200: NotificationListResponseSchema, ...errors },
    },
    handler: async (request) => {
      const { items, unreadCount } = await notifications.list(requireViewer(request).id);
      return { items: items.map(presentNotification), unreadCount };
    },
  });

  app.post('/api/notifications/read', {
    preValidation: viewerMay(notificationPolicy.readOwn),
    schema: {
      tags,
      summary: 'Mark the viewer’s notifications read (the given ids, or all)',
      body: NotificationReadBodySchema.nullish(),
      response: { 200: NotificationReadResponseSchema, ...errors },
    },
    handler: async (request) => ({ unreadCount: await notifications.markRead(requireViewer(request).id, request.body?.ids) }),
  });
};
