import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { SchemaField, SchemaForm, addArrayItem } from './schema-form';

/** First validation error of a control as translated text (shared by every field kind). */
export function validationMessage(i18n: I18nService, errors: ValidationErrors | null): string {
  if (!errors) {
    return '';
  }
  const entries: [string, unknown][] = Object.entries(errors);
  const [key, detail] = entries[0] ?? [];
  const info = (typeof detail === 'object' && detail !== null ? detail : {}) as Record<
    string,
    unknown
  >;
  switch (key) {
    case 'required':
      return i18n.t('validation.required');
    case 'min':
      return i18n.t('validation.min', { min: String(info['min']) });
    case 'max':
      return i18n.t('validation.max', { max: String(info['max']) });
    case 'exclusiveMin':
      return i18n.t('validation.exclusiveMin', { min: String(info['min']) });
    case 'exclusiveMax':
      return i18n.t('validation.exclusiveMax', { max: String(info['max']) });
    case 'minlength':
      return i18n.t('validation.minLength', { min: String(info['requiredLength']) });
    case 'maxlength':
      return i18n.t('validation.maxLength', { max: String(info['requiredLength']) });
    case 'pattern':
      return i18n.t('validation.pattern', { pattern: String(info['requiredPattern']) });
    case 'integer':
      return i18n.t('validation.integer');
    case 'email':
      return i18n.t('validation.email');
    case 'json':
      return i18n.t('validation.json');
    case 'minItems':
      return i18n.t('validation.minItems', { min: String(info['min']) });
    case 'maxItems':
      return i18n.t('validation.maxItems', { max: String(info['max']) });
    default:
      return i18n.t('validation.invalid');
  }
}

@Component({
  selector: 'app-schema-form',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './schema-form.component.html',
  styleUrl: './schema-form.component.css',
})
export class SchemaFormComponent {
  private readonly i18n = inject(I18nService);
  readonly form = input.required<SchemaForm>();

  control(group: FormGroup, key: string): FormControl {
    return group.get(key) as FormControl;
  }

  array(group: FormGroup, key: string): FormArray<FormControl<string>> {
    return group.get(key) as FormArray<FormControl<string>>;
  }

  subgroup(group: FormGroup, key: string): FormGroup {
    return group.get(key) as FormGroup;
  }

  addItem(group: FormGroup, field: SchemaField): void {
    const array = this.array(group, field.key);
    addArrayItem(array, field);
    array.markAsDirty();
  }

  removeItem(group: FormGroup, field: SchemaField, index: number): void {
    const array = this.array(group, field.key);
    array.removeAt(index);
    array.markAsTouched();
  }

  error(control: AbstractControl): string {
    return validationMessage(this.i18n, control.errors);
  }

  label(field: SchemaField): string {
    return field.label === field.key ? field.label : `${field.label} (${field.key})`;
  }
}
