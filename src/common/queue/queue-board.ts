import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Queue } from 'bull';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { createHmac } from 'node:crypto';
import { authConfig, AuthConfig } from '../../config/configuration';
import { ActiveUserLookup } from '../auth/active-user-lookup';
import type { AccessTokenPayload, AuthUser } from '../auth/auth-user';
import { bearerToken } from '../auth/jwt-auth.guard';
import { Action, mayDo, rolesFor } from '../access/access-policy';
import { DomainException, ErrorKind } from '../errors/domain.exception';

/**
 * Bull Board, the queue UI, for admins only. It is served by the API process (never the worker)
 * at QUEUE_BOARD_PATH, outside /api/v1 and the OpenAPI document. Access: an admin's access
 * token as a bearer, or the board cookie set by `POST /api/v1/admin/queue-board/session`
 * (a browser sends no bearer token when it opens a page).
 */
export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'smk_queue_board';
export const QUEUE_BOARD_SESSION_SECONDS = 15 * 60;

const BOARD_TOKEN_AUDIENCE = 'smk-link:queue-board';
const BOARD_TOKEN_PURPOSE = 'queue-board';

interface BoardTokenPayload {
  sub: number;
  purpose: string;
}

/**
 * Who may open the board. The board token is a JWT signed with a key derived from the access
 * secret, so it can never pass for an access token (JwtAuthGuard) nor an access token for it;
 * the audience and purpose claims say the same thing to a reader of the token.
 */
@Injectable()
export class QueueBoardAuth {
  private readonly boardTokens: JwtService;

  constructor(
    @Inject(authConfig.KEY) config: AuthConfig,
    private readonly accessTokens: JwtService,
    private readonly users: ActiveUserLookup,
  ) {
    this.boardTokens = new JwtService({
      secret: createHmac('sha256', config.accessSecret).update(BOARD_TOKEN_AUDIENCE).digest(),
      signOptions: {
        algorithm: 'HS256',
        audience: BOARD_TOKEN_AUDIENCE,
        expiresIn: QUEUE_BOARD_SESSION_SECONDS,
      },
      verifyOptions: { algorithms: ['HS256'], audience: BOARD_TOKEN_AUDIENCE },
    });
  }

  issueSessionToken(user: Pick<AuthUser, 'id'>): Promise<string> {
    const payload: BoardTokenPayload = { sub: user.id, purpose: BOARD_TOKEN_PURPOSE };
    return this.boardTokens.signAsync(payload);
  }

  /** The admin behind the request, re-read from the database; throws the 401 or 403 otherwise. */
  async authenticate(request: Request): Promise<AuthUser> {
    const userId = await this.userIdOf(request);
    const user = await this.users.findActive(userId);
    if (!user) {
      throw unauthorized('The account is disabled or no longer exists');
    }
    // The board's own middleware, outside Nest's guards: the same policy row as its route.
    if (!mayDo(user, 'queueBoard', Action.Act)) {
      throw new DomainException(
        ErrorKind.Forbidden,
        'forbidden',
        `The queue board needs one of the roles: ${rolesFor('queueBoard', Action.Act).join(', ')}`,
      );
    }
    return user;
  }

  /** A bearer token, when given, is the only credential looked at; otherwise the cookie. */
  private async userIdOf(request: Request): Promise<number> {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer) {
      try {
        return (await this.accessTokens.verifyAsync<AccessTokenPayload>(bearer)).sub;
      } catch {
        throw unauthorized('The access token is invalid or expired');
      }
    }
    const cookie = cookieValue(request.headers.cookie, QUEUE_BOARD_COOKIE);
    if (!cookie) {
      throw unauthorized(
        'An admin bearer access token or the queue board cookie ' +
          '(POST /api/v1/admin/queue-board/session) is required',
      );
    }
    try {
      const payload = await this.boardTokens.verifyAsync<BoardTokenPayload>(cookie);
      if (payload.purpose !== BOARD_TOKEN_PURPOSE) {
        throw new Error('not a queue board token');
      }
      return payload.sub;
    } catch {
      throw unauthorized('The queue board session is invalid or expired');
    }
  }
}

/**
 * The board itself, read-only: the queues' state lives in MySQL too (rounds, imports, the
 * outbox), and retrying, cleaning or emptying jobs behind the services' back would leave the two
 * disagreeing. The library refuses those actions on read-only queues (405).
 */
export function createQueueBoardRouter(queues: Queue[]): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'SMK Link queues' } },
  });
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  // Nest runs route middleware with the full URL; the board's routes are relative to its path.
  return (request, response, next) => {
    const { url, baseUrl } = request;
    const parent = Object.getPrototypeOf(request) as object;
    const parentResponse = Object.getPrototypeOf(response) as object;
    const rest = url.slice(QUEUE_BOARD_PATH.length);
    request.baseUrl = QUEUE_BOARD_PATH;
    request.url = rest.startsWith('/') ? rest : `/${rest}`;
    board(request, response, (error?: unknown) => {
      // Not the board's (an unknown page): as it was, for Nest's 404.
      request.url = url;
      request.baseUrl = baseUrl;
      Object.setPrototypeOf(request, parent);
      Object.setPrototypeOf(response, parentResponse);
      next(error);
    });
  };
}

/**
 * Runs before the board's router as Nest middleware: what it throws goes through the app's
 * exception filter, so a refusal has the usual JSON error body.
 */
export function queueBoardGuard(
  auth: QueueBoardAuth,
): (request: Request, response: Response, next: NextFunction) => Promise<void> {
  return async (request, response, next) => {
    await auth.authenticate(request);
    // Job data and failure reasons must not sit in a shared cache.
    response.setHeader('Cache-Control', 'no-store');
    next();
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim() || undefined;
    }
  }
  return undefined;
}

function unauthorized(message: string): DomainException {
  return new DomainException(ErrorKind.Unauthorized, 'unauthorized', message);
}
