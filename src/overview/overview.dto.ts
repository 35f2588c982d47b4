import { SearchTerm } from '../common/http/query-list';

export class SearchQueryDto {
  @SearchTerm('Substring of a service or agent code/name, or (part of) a service, agent or command id.', true)
  q!: string;
}
