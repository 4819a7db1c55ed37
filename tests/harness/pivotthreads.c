// Times pivot_root with T extra threads on the host: chroot_fs_refs walks every thread of every
// process (for_each_process_thread, task_lock, fs->lock) while pivot_root holds namespace_sem.
// Usage: gcc -O2 -pthread -o pivotthreads tests/harness/pivotthreads.c && ./pivotthreads T REPS
// Prints T, the threads on the host (counted in /proc while they all exist), pivot_root's p50 in us.
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static void*idle(void*a){(void)a;for(;;)pause();return NULL;}
static int cmp(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return x<y?-1:x>y;}
static int host_threads(void){
  int n=0;DIR*d=opendir("/proc");struct dirent*e;
  while((e=readdir(d))){if(e->d_name[0]<'0'||e->d_name[0]>'9')continue;
    char p[300];snprintf(p,sizeof p,"/proc/%s/task",e->d_name);DIR*t=opendir(p);if(!t)continue;
    struct dirent*f;while((f=readdir(t)))if(f->d_name[0]!='.')n++;closedir(t);}
  closedir(d);return n;}
int main(int argc,char**argv){
  int T=atoi(argv[1]); int reps=atoi(argv[2]);
  pthread_attr_t attr;pthread_attr_init(&attr);pthread_attr_setstacksize(&attr,64*1024);
  for(int i=0;i<T;i++){pthread_t t;if(pthread_create(&t,&attr,idle,NULL)){perror("pthread_create");return 1;}}
  int threads=host_threads(); // before the pivots: the new roots have no /proc
  if(unshare(CLONE_NEWNS)){perror("unshare");return 1;}
  mount(NULL,"/",NULL,MS_REC|MS_PRIVATE,NULL);
  mkdir("/tmp/pivotthreads.root",0755);
  if(mount("tmpfs","/tmp/pivotthreads.root","tmpfs",0,NULL)){perror("tmpfs");return 1;}
  if(chdir("/tmp/pivotthreads.root")){perror("chdir");return 1;}
  double*us=malloc(sizeof(double)*reps);
  for(int r=0;r<reps;r++){
    // A new root inside the current one, bound onto itself; pivot into it and drop the old root.
    mkdir("r",0755);
    if(mount("r","r",NULL,MS_BIND,NULL)){perror("bind");return 1;}
    if(chdir("r")){perror("chdir r");return 1;}
    double a=now();
    if(syscall(SYS_pivot_root,".",".")){perror("pivot_root");return 1;}
    double b=now();
    if(umount2(".",MNT_DETACH)){perror("umount2");return 1;}
    if(chdir("/")){perror("chdir /");return 1;}
    us[r]=b-a;}
  qsort(us,reps,sizeof(double),cmp);
  printf("%d,%d,%.2f\n",T,threads,us[reps/2]);
  return 0;}
