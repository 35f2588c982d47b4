import { Injectable } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AgentsService } from '../agents/agents.service';
import { ListAgentsQueryDto } from '../agents/dto/list-agents-query.dto';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { ListServicesQueryDto } from '../capsule-services/dto/list-services-query.dto';
import { CommandQueriesService } from '../commands/command-queries.service';
import { ListCommandsQueryDto } from '../commands/dto/list-commands-query.dto';
import type { RequestContext } from '../common/context/request-context';
import type {
  AgentResponse,
  CapsuleServiceResponse,
  DashboardOverview,
  PublicCommand,
  SearchResults,
  TileList,
} from '../contracts';

const FAILURE_WINDOW_MS = 24 * 3_600_000;
const PROBLEM_ROWS = 10;
const FAILED_ROWS = 5;
const SEARCH_ROWS = 5;

/**
 * Runs a list query the way the list endpoint does: plain URL values through the same DTO
 * (transforms and validation), so a tile's number and its list cannot disagree.
 */
function listQuery<T extends object>(cls: ClassConstructor<T>, plain: Record<string, string | number>): T {
  const dto = plainToInstance(cls, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0)
    throw new Error(
      `invalid built-in list query ${JSON.stringify(plain)}: ${errors.map((e) => e.property).join(', ')}`,
    );
  return dto;
}

@Injectable()
export class OverviewService {
  constructor(
    private readonly services: CapsuleServicesService,
    private readonly agents: AgentsService,
    private readonly commands: CommandQueriesService,
  ) {}

  async dashboard(ctx: RequestContext): Promise<DashboardOverview> {
    const failuresSince = new Date(ctx.now.getTime() - FAILURE_WINDOW_MS).toISOString();
    const defs: { id: string; list: TileList; query: Record<string, string> }[] = [
      { id: 'services-problem', list: 'services', query: { status: 'UNHEALTHY,STALE,OFFLINE' } },
      { id: 'agents-offline', list: 'agents', query: { status: 'OFFLINE' } },
      {
        id: 'commands-failed',
        list: 'commands',
        query: { type: 'ACTION_EXECUTE', status: 'FAILED,EXPIRED', from: failuresSince },
      },
      { id: 'commands-active', list: 'commands', query: { type: 'ACTION_EXECUTE', status: 'PENDING,RUNNING' } },
      { id: 'services-healthy', list: 'services', query: { status: 'HEALTHY' } },
      { id: 'agents-online', list: 'agents', query: { status: 'ONLINE' } },
      { id: 'services-all', list: 'services', query: {} },
      { id: 'agents-all', list: 'agents', query: {} },
    ];
    const pages = await Promise.all(
      defs.map((d) =>
        this.page(
          ctx,
          d.list,
          d.query,
          d.id === 'services-problem'
            ? PROBLEM_ROWS
            : d.id === 'commands-failed'
              ? FAILED_ROWS
              : d.id === 'agents-offline'
                ? PROBLEM_ROWS
                : 1,
        ),
      ),
    );
    const tiles = defs.map((d, i) => ({ ...d, count: pages[i]!.total }));
    const problems = pages[0]!.items as CapsuleServiceResponse[];
    const problemServices = await Promise.all(
      problems.map(async (s) => {
        const [since, last] = await Promise.all([
          this.services.statusSince(s.id, ctx.now.getTime()),
          this.commands.list(
            ctx,
            listQuery(ListCommandsQueryDto, { serviceId: s.id, type: 'ACTION_EXECUTE', pageSize: 1 }),
          ),
        ]);
        return { ...s, since, lastCommand: last.items[0] ?? null };
      }),
    );
    return {
      generatedAt: ctx.nowIso,
      failuresSince,
      tiles,
      problemServices,
      failedCommands: pages[2]!.items as PublicCommand[],
      offlineAgents: pages[1]!.items as AgentResponse[],
    };
  }

  async search(ctx: RequestContext, q: string): Promise<SearchResults> {
    const [services, agents, commands] = await Promise.all([
      this.services.list(ctx, listQuery(ListServicesQueryDto, { q, pageSize: SEARCH_ROWS })),
      this.agents.list(ctx, listQuery(ListAgentsQueryDto, { q, pageSize: SEARCH_ROWS })),
      this.commands.list(ctx, listQuery(ListCommandsQueryDto, { q, pageSize: SEARCH_ROWS })),
    ]);
    return { services: services.items, agents: agents.items, commands: commands.items };
  }

  private async page(
    ctx: RequestContext,
    list: TileList,
    query: Record<string, string>,
    pageSize: number,
  ): Promise<{ items: unknown[]; total: number }> {
    const plain = { ...query, pageSize };
    const page =
      list === 'services'
        ? await this.services.list(ctx, listQuery(ListServicesQueryDto, plain))
        : list === 'agents'
          ? await this.agents.list(ctx, listQuery(ListAgentsQueryDto, plain))
          : await this.commands.list(ctx, listQuery(ListCommandsQueryDto, plain));
    return { items: page.items, total: page.pagination.total };
  }
}
