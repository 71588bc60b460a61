import { Injectable, PipeTransform } from '@nestjs/common';
import { CASE_ACTIONS, isCaseAction } from '@app/discipline';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, invalidRequest } from '../http/validation';
import { CASE_ACTION_DTOS, CaseActionDto } from './dto/case-action.dto';

/**
 * `POST /cases/:id/actions` carries a different payload per `action`: the class for that action
 * validates it, so the fields of another action are refused (400) like any unknown field,
 * with the same options as the global ValidationPipe.
 */
@Injectable()
export class CaseActionPipe implements PipeTransform<unknown, CaseActionDto> {
  transform(value: unknown): CaseActionDto {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidRequest([{ field: 'body', message: 'body must be a JSON object' }]);
    const action = (value as { action?: unknown }).action;
    if (!isCaseAction(action)) throw invalidRequest([{ field: 'action', message: `action must be one of: ${CASE_ACTIONS.join(', ')}` }]);
    const instance = plainToInstance(CASE_ACTION_DTOS[action] as new () => CaseActionDto, value);
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: false });
    if (errors.length > 0) throw invalidRequest(flattenValidationErrors(errors));
    return instance;
  }
}
