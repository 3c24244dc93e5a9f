import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { Access } from '../access/access.decorator';
import { Action } from '../access/access-policy';
import { CurrentUser } from '../auth/decorators';
import {
  QUEUE_BOARD_COOKIE,
  QUEUE_BOARD_PATH,
  QUEUE_BOARD_SESSION_SECONDS,
  QueueBoardAuth,
} from './queue-board';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/queue-board')
export class QueueBoardController {
  constructor(private readonly auth: QueueBoardAuth) {}

  @Post('session')
  @HttpCode(204)
  @Access('queueBoard', Action.Act)
  @ApiOperation({
    summary: 'Open the queue board (Bull Board) in this browser',
    description:
      `Sets an HttpOnly, SameSite=Strict cookie for ${QUEUE_BOARD_PATH}, valid ` +
      `${QUEUE_BOARD_SESSION_SECONDS / 60} minutes; then open ${QUEUE_BOARD_PATH}. ` +
      'The cookie opens the board only, never the API.',
  })
  @ApiNoContentResponse({ description: 'The board cookie is set' })
  async openSession(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    response.cookie(QUEUE_BOARD_COOKIE, await this.auth.issueSessionToken(user), {
      httpOnly: true,
      sameSite: 'strict',
      // Only over https; behind a proxy, as far as Express's `trust proxy` setting believes it.
      secure: request.secure,
      path: QUEUE_BOARD_PATH,
      maxAge: QUEUE_BOARD_SESSION_SECONDS * 1000,
    });
  }
}
